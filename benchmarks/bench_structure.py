"""How the structure stage's time grows with the length of a notice (it must grow linearly).

    python benchmarks/bench_structure.py [--sizes 1000,10000,100000] [--rounds 3]

Generates notices of the given numbers of lines — four levels of labels (一、 （一） 1. （1）),
lists that run into the hundreds and thousands, field lines, an attachment list and a
signature — and times ``structure`` on each (the cleaned text is built directly, so only this
stage is measured).  Prints lines, seconds, microseconds per line and items found; the last
column stays flat when the stage is linear.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CN = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 105 → 一百零五, 110 → 一百一十 (below 1000)."""
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n % 10] if n % 10 else "")
    if n < 100:
        return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    if not rest:
        return CN[hundreds] + "百"
    return CN[hundreds] + "百" + ("零" + CN[rest] if rest < 10 else chinese(rest) if rest >= 20 else "一" + chinese(rest))


def generated_notice(lines: int) -> tuple[str, list[tuple[tuple[int, ...], str]]]:
    """A notice of about ``lines`` lines that issues one plan, and the (path, label) of every item
    of the plan: sections of 50 subsections of 4 items (numbered straight across the subsections
    of a section, into the hundreds) with field lines and 3 sub-items each."""
    out = ["某市人民政府关于印发某某行动方案的通知", "某政发〔2025〕1号", "各区人民政府，市政府各部门：",
           "现将《某某行动方案》印发给你们，请认真贯彻执行。", "某市人民政府", "2025年3月1日", "某某行动方案"]
    expected: list[tuple[tuple[int, ...], str]] = []
    closing = ["附件：1.某某任务清单", "2.某某责任分工表", "某市人民政府办公厅", "2025年3月2日印发"]
    section = item = 0
    while len(out) < lines - len(closing) - 20:
        section += 1
        label = f"{chinese(section)}、"
        out.append(f"{label}第{section}项重点任务")
        item = 0
        expected.append(((section,), label))
        for sub in range(1, 51):
            if len(out) >= lines - len(closing) - 20:
                break
            out.append(f"（{chinese(sub)}）推进第{sub}项工作。要加强统筹，于2025年6月底前完成。")
            expected.append(((section, sub), f"（{chinese(sub)}）"))
            for _ in range(4):
                item += 1
                out.append(f"{item}.落实第{item}项措施。")
                expected.append(((section, sub, item), f"{item}."))
                out.append("牵头单位：市发展改革委")
                for k in range(1, 4):
                    out.append(f"（{k}）细化第{k}项要求；")
                    expected.append(((section, sub, item, k), f"（{k}）"))
    return "\n".join(out + closing), expected


def cleaned_of(text: str):
    from docextract.clean import Cleaned
    from docextract.text.textmap import TrackedText
    return Cleaned(TrackedText.from_source(text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,2000,4000,8000,16000,32000,64000,100000")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    from docextract.structure import structure

    structure(cleaned_of(generated_notice(200)[0]))   # compile the rules first
    print(f"{'lines':>8} {'seconds':>9} {'µs/line':>8} {'items':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        cleaned = cleaned_of(generated_notice(size)[0])
        best, items = float("inf"), 0
        for _ in range(args.rounds):
            start = time.perf_counter()
            skeleton = structure(cleaned)
            best = min(best, time.perf_counter() - start)
            items = len(skeleton.items)
        print(f"{size:>8} {best:>9.3f} {best / size * 1e6:>8.1f} {items:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
