"""Run codeprose over every .py file of this Python's standard library (test dirs included).

For each file: describe at both levels (strict: an internal error counts as a crash),
block_ends, and the round trips
    strip_block_ends(block_ends(src)) == src
    block_ends(block_ends(src)) == block_ends(src)
    ast.dump(parse(block_ends(src))) == ast.dump(parse(src))
Files that are not valid Python (the test suite has some on purpose) must raise
CodeSyntaxError with a "line N: ..." message; anything else is a crash.

    python packages/codeprose/bench/stdlib_robustness.py             # every file, 2 workers
    python packages/codeprose/bench/stdlib_robustness.py --limit 50  # a spread of 50 files

Prints the numbers; exits 1 when there are crashes or round-trip failures.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import sysconfig
import time
import tokenize
import traceback


def stdlib_files(root: str | None = None) -> list[str]:
    """Every .py file under the standard library, sorted, site-packages left out."""
    root = root or sysconfig.get_paths()["stdlib"]
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "dist-packages", "__pycache__"))
        found.extend(os.path.join(folder, f) for f in files if f.endswith(".py"))
    return sorted(found)


def spread(files: list[str], limit: int | None) -> list[str]:
    """*limit* files spread evenly over the list (all of them without a limit)."""
    if not limit or limit >= len(files):
        return files
    step = len(files) / limit
    return [files[int(i * step)] for i in range(limit)]


def _read(path: str) -> tuple[str, bool]:
    """The file's text, and whether it decoded cleanly (a few test files are undecodable
    on purpose: they are still checked, decoded with replacement characters)."""
    try:
        with tokenize.open(path) as handle:  # honours the coding cookie
            return handle.read(), True
    except (SyntaxError, UnicodeDecodeError, LookupError, ValueError):
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", errors="replace"), False


def check_file(path: str) -> dict:
    """Check one file; the result says which of the counted outcomes it had."""
    import codeprose
    from codeprose import CodeSyntaxError

    result = {"path": path, "status": "ok", "detail": "", "seconds": 0.0}
    start = time.perf_counter()
    source, clean = _read(path)
    result["undecodable"] = not clean
    result["pre_annotated"] = False
    try:
        try:
            expected = ast.dump(ast.parse(source))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            expected = None
        if expected is None:
            # Not valid Python: every entry point must say so with a learner's message.
            for call in (lambda: codeprose.describe(source, "brief"),
                         lambda: codeprose.describe(source, "detailed"),
                         lambda: codeprose.block_ends(source)):
                try:
                    call()
                except CodeSyntaxError as error:
                    if not str(error):
                        raise AssertionError("CodeSyntaxError without a message") from None
                    continue
                raise AssertionError("invalid source was not reported as a syntax error")
            result["status"] = "syntax_error"
            return result
        last_line = source.count("\n") + source.count("\r") - source.count("\r\n") + 1
        for level in ("brief", "detailed"):
            description = codeprose.describe(source, level, strict=True)
            for sentence in description.sentences:
                if not sentence.text.strip() or not (
                        sentence.line is None or 1 <= sentence.line <= last_line):
                    raise AssertionError(f"bad sentence at {level} level: {sentence!r}")
        codeprose.ast_view(source)
        annotated = codeprose.block_ends(source)
        problems = []
        # A file that already has "# end while" where block_ends puts it (pindent style) is
        # taken as annotated: stripping removes those comments too, so compare with that.
        original = codeprose.strip_block_ends(source)
        result["pre_annotated"] = original != source
        if codeprose.strip_block_ends(annotated) != original:
            problems.append("strip(block_ends(src)) != src")
        if codeprose.block_ends(annotated) != annotated:
            problems.append("block_ends is not idempotent")
        if ast.dump(ast.parse(annotated)) != expected:
            problems.append("annotated code parses to a different AST")
        if problems:
            result["status"] = "roundtrip"
            result["detail"] = "; ".join(problems)
    except Exception:
        result["status"] = "crash"
        result["detail"] = traceback.format_exc(limit=-4)
    finally:
        result["seconds"] = time.perf_counter() - start
    return result


def run(limit: int | None = None, workers: int = 2, root: str | None = None,
        out=sys.stdout) -> dict:
    """Check the files and print the numbers; returns them as a dict."""
    files = spread(stdlib_files(root), limit)
    started = time.perf_counter()
    if workers > 1:
        import multiprocessing  # here: Pyodide (one process, workers=1) has no processes

        # A fresh interpreter per worker ("spawn") keeps results independent of the parent.
        context = multiprocessing.get_context("spawn")
        with context.Pool(workers, maxtasksperchild=200) as pool:
            results = list(pool.imap_unordered(check_file, files, chunksize=8))
    else:
        results = [check_file(f) for f in files]
    elapsed = time.perf_counter() - started
    counts = {"files": len(results), "ok": 0, "crash": 0, "syntax_error": 0, "roundtrip": 0}
    for r in results:
        counts[r["status"]] += 1
    counts["undecodable"] = sum(r["undecodable"] for r in results)
    counts["pre_annotated"] = sum(r["pre_annotated"] for r in results)
    counts["seconds"] = round(elapsed, 1)
    slowest = sorted(results, key=lambda r: -r["seconds"])[:3]

    where = sysconfig.get_paths()["stdlib"] if root is None else root
    print(f"Python {sys.version.split()[0]} standard library: {where}", file=out)
    print(f"files:               {counts['files']}", file=out)
    print(f"  undecodable in their declared coding (checked with replacement characters): "
          f"{counts['undecodable']}", file=out)
    print(f"crashes:             {counts['crash']}", file=out)
    print(f"syntax-error files:  {counts['syntax_error']}", file=out)
    print(f"round-trip failures: {counts['roundtrip']}", file=out)
    print(f"files already holding block-end comments (checked against their stripped text): "
          f"{counts['pre_annotated']}", file=out)
    for r in results:
        if r["pre_annotated"]:
            print(f"  {r['path']}", file=out)
    print(f"time:                {elapsed:.1f} s with {workers} worker(s)", file=out)
    print("slowest: " + ", ".join(f"{os.path.basename(r['path'])} {r['seconds']:.2f} s" for r in slowest), file=out)
    for r in results:
        if r["status"] in ("crash", "roundtrip"):
            print(f"\n{r['status'].upper()}: {r['path']}\n{r['detail']}", file=out)
    counts["failures"] = [r for r in results if r["status"] in ("crash", "roundtrip")]
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="check only N files, spread evenly")
    parser.add_argument("--workers", type=int, default=2, help="processes to use (default 2)")
    parser.add_argument("--root", default=None, help="another folder of .py files to check")
    args = parser.parse_args(argv)
    counts = run(args.limit, args.workers, args.root)
    return 1 if counts["crash"] or counts["roundtrip"] else 0


if __name__ == "__main__":
    sys.exit(main())
