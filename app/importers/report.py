"""What an import did: created, updated, refused (with the place and the reason)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.importers.encoding import EncodingGuess

MAX_REASON = 300  # characters of a refusal's reason: a hostile value must not make a multi-gigabyte message


@dataclass(frozen=True)
class RefusedRow:
    where: str  # "第 12 行", "问题.md"
    reason: str

    def __post_init__(self) -> None:
        if len(self.reason) > MAX_REASON:
            object.__setattr__(self, "reason", self.reason[: MAX_REASON - 1] + "…")

    def __str__(self) -> str:
        return f"{self.where}：{self.reason}"


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0  # matched an existing article by id with identical content (counted in updated too)
    refused: list[RefusedRow] = field(default_factory=list)
    created_ids: list[str] = field(default_factory=list)
    updated_ids: list[str] = field(default_factory=list)
    # File -> the encoding its text was read in, for the files where that was a guess that may be wrong.
    uncertain_encodings: dict[str, EncodingGuess] = field(default_factory=dict)

    @property
    def imported(self) -> int:
        return self.created + self.updated

    def summary(self) -> str:
        text = f"{self.source}：新建 {self.created} 篇，更新 {self.updated} 篇，拒绝 {len(self.refused)} 条"
        if self.unchanged:
            text += f"（更新的文章中有 {self.unchanged} 篇内容没有变化）"
        return text

    def encoding_warning(self) -> str:
        """A note for the user when the text encoding was guessed without certainty (empty otherwise)."""
        if not self.uncertain_encodings:
            return ""
        read = "、".join(f"{name} 按 {guess.label}" for name, guess in self.uncertain_encodings.items())
        return (f"文字编码是推测的（{read}），可能不对；如果标题是乱码，请指定编码重新导入"
                "（命令行 --encoding，例如 gb18030 或 big5；导入窗口里也可以选）")
