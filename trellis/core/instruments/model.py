"""An instrument as Trellis holds it: the validated file, its text and a hash of its content."""

from __future__ import annotations

from dataclasses import dataclass

from .schema import InstrumentFile, score_range


@dataclass(frozen=True)
class Instrument:
    spec: InstrumentFile
    text: str
    content_hash: str

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def version(self) -> int:
        return self.spec.version

    @property
    def threshold(self) -> int:
        return self.spec.anonymity_threshold

    @property
    def score_range(self) -> tuple[float, float]:
        return score_range(self.spec)

    def labels(self) -> list[tuple[int, str]]:
        """Each point of the scale with its label (the number alone when it has none)."""
        scale = self.spec.scale
        points = range(scale.min, scale.max + 1)
        labels = list(scale.labels) or [str(point) for point in points]
        return list(zip(points, labels, strict=True))
