"""Two desks and a library on one machine, so a new user can try the team library without a server.

``deskbook team demo DIR`` makes ``DIR/team.git`` (a bare repository, as on a file share), ``DIR/owner`` (a KB
owner's desk with the demo knowledge base, published to the library) and ``DIR/agent`` (an agent's desk that pulled
it). Start each with ``deskbook --data-dir DIR/owner`` and ``deskbook --data-dir DIR/agent``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.services import Deskbook
from app.team.service import TeamService


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
    TeamService.create_library(demo.library)
    # Both desks start with the demo, as the app seeds it on a first start; joining, the agent's copy of each demo
    # article becomes the team's (matched by its external id), and its demo requests stay to be written up.
    for root, user, role in ((demo.owner, "王主管", "owner"), (demo.agent, "小张", "agent")):
        desk = Deskbook.open(root, seed_demo=True)
        try:
            desk.settings.user_name, desk.settings.role = user, role
            desk.settings.extra.setdefault("organization", "星辰科技客服中心")
            desk.save_settings()
            desk.team.connect(str(demo.library))
            if role == "owner":
                desk.team.publish(include_local=True)
        finally:
            desk.close()
    return demo
