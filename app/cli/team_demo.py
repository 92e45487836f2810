"""Two desks and a library on one machine, so a new user can try the team library without a server.

``deskbook team demo DIR`` makes ``DIR/team.git`` (a bare repository, as on a file share), ``DIR/owner`` (a KB
owner's desk with the demo knowledge base, published to the library) and ``DIR/agent`` (an agent's desk that pulled
it). Start each with ``deskbook --data-dir DIR/owner`` and ``deskbook --data-dir DIR/agent``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.services import Deskbook


class DemoExists(ValueError):
    pass


@dataclass(frozen=True)
class TeamDemo:
    library: Path
    owner: Path
    agent: Path


def make_demo(folder: Path) -> TeamDemo:
    demo = TeamDemo(folder / "team.git", folder / "owner", folder / "agent")
    for path in (demo.library, demo.owner, demo.agent):
        if path.exists() and any(path.iterdir()):
            raise DemoExists(f"{path} 已存在且不为空：请换一个文件夹")
    Deskbook.create_team_library(demo.library)
    for root, user, role in ((demo.owner, "王主管", "owner"), (demo.agent, "小张", "agent")):
        desk = Deskbook.open(root, seed_demo=role == "owner")
        try:
            desk.settings.user_name, desk.settings.role = user, role
            desk.settings.extra.setdefault("organization", "星辰科技客服中心")
            desk.save_settings()
            desk.team.connect(str(demo.library))
            if role == "owner":
                desk.team.publish(include_local=True)
            else:
                desk.seed_demo_requests()  # a resolved request to write up as a case and propose
        finally:
            desk.close()
    return demo
