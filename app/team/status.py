"""The team library's state as the status bar and ``deskbook team status`` put it: in words, in Chinese."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.team.gitrepo import GitProblem

PROBLEM_ZH = {
    GitProblem.OFFLINE: "离线",
    GitProblem.AUTH: "登录失败",
    GitProblem.REJECTED: "推送被拒绝",
    GitProblem.DAMAGED: "本机副本损坏",
    GitProblem.CERTIFICATE: "证书无法验证",
}

PROBLEM_HELP_ZH = {
    GitProblem.OFFLINE: "无法连接团队库（网络、服务器或共享文件夹不可用）。本机的一切照常可用，恢复连接后会自动同步。",
    GitProblem.AUTH: "团队库服务器拒绝了登录：请检查用户名和访问令牌（令牌可能已过期）。",
    GitProblem.REJECTED: "团队库服务器拒绝了推送：你的账号没有发布到主分支的权限（或分支受保护）。"
                         "修改仍保留在本机；请联系知识库负责人，或把修改作为建议提交。",
    GitProblem.DAMAGED: "本机的团队库副本已损坏，已移到一旁并重新下载；数据库中的内容没有受影响。",
    GitProblem.CERTIFICATE: "团队库服务器的 HTTPS 证书无法验证（自签名、已过期或与地址不符）。请 IT 部门换用受信任的证书，"
                            "或把公司的根证书安装到这台电脑。本机的一切照常可用。",
}


@dataclass(frozen=True)
class TeamStatus:
    connected: bool
    url: str = ""
    synced_at: datetime | None = None
    attempted_at: datetime | None = None
    problem: GitProblem | None = None
    detail: str = ""
    pending: int = 0  # published or archived here, not yet in the library
    local_only: int = 0  # published before joining, offered for a first publish
    conflicts: int = 0
    proposals_to_decide: int = 0  # from other desks (an owner's queue)
    my_open_proposals: int = 0
    token_location: str = ""

    def words_zh(self, now: datetime) -> str:
        """团队库：已同步 3 分钟前 / 离线 / 有 2 个冲突 / 推送被拒绝 …"""
        if not self.connected:
            return "团队库：未连接"
        if self.conflicts:
            head = f"有 {self.conflicts} 个冲突"
        elif self.problem is not None:
            head = PROBLEM_ZH[self.problem]
        elif self.synced_at is not None:
            head = f"已同步 {ago_zh(self.synced_at, now)}"
        else:
            head = "尚未同步"
        extras = []
        if self.pending:
            extras.append(f"{self.pending} 篇待发布")
        if self.proposals_to_decide:
            extras.append(f"{self.proposals_to_decide} 条建议待处理")
        return "团队库：" + "，".join([head, *extras])


def ago_zh(moment: datetime, now: datetime) -> str:
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return "刚刚"
    if seconds < 3600:
        return f"{seconds // 60} 分钟前"
    if seconds < 86400:
        return f"{seconds // 3600} 小时前"
    return f"{seconds // 86400} 天前"
