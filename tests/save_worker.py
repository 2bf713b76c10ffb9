"""A process that saves review decisions one by one, as a browser session would (used by the tests)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl import DataFolder, Decision, record_decisions  # noqa: E402


def main() -> None:
    root, figure_id, article_id, who, count = sys.argv[1:6]
    folder = DataFolder(Path(root))
    for i in range(int(count)):
        record_decisions(folder, [Decision(figure_id, article_id, "correct", "entities", "", f"{who}-{i}", who)])
        print(i, flush=True)


if __name__ == "__main__":
    main()
