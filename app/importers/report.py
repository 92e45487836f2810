"""What an import did: created, updated, refused (with the place and the reason)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RefusedRow:
    where: str  # "line 12", "row 7", "问题.md"
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0  # matched an existing article by id with identical content (counted in updated too)
    refused: list[RefusedRow] = field(default_factory=list)
    created_ids: list[str] = field(default_factory=list)
    updated_ids: list[str] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated

    def summary(self) -> str:
        text = f"{self.source}: {self.created} created, {self.updated} updated, {len(self.refused)} refused"
        if self.unchanged:
            text += f" ({self.unchanged} of the updated were unchanged)"
        return text
