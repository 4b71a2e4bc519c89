"""The convention counter of bench/timex_conventions.py on a hand-made TimeML document."""

from __future__ import annotations

import importlib.util
import sys

from tests.conftest import ROOT


def _module():
    spec = importlib.util.spec_from_file_location("bench_timex_conventions", ROOT / "bench" / "timex_conventions.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_timex_conventions"] = module
    spec.loader.exec_module(module)
    return module


def test_counts_each_reading(tmp_path):
    tml = tmp_path / "doc.tml"
    tml.write_text('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2000-01-08">20000108</TIMEX3></DCT><TEXT>'
                   'HAVANA, <TIMEX3 tid="t1" type="DATE" value="2000-01-08">January 8</TIMEX3> (AP) -- Crowds met '
                   '<TIMEX3 tid="t2" type="DATE" value="2000-01-07">Friday</TIMEX3> night after about '
                   '<TIMEX3 tid="t3" type="DURATION" value="P5M">five months</TIMEX3>, as '
                   '<TIMEX3 tid="t4" type="DATE" value="2000-W01">last week</TIMEX3>.</TEXT></TimeML>', "utf-8")
    module = _module()
    from timeml import parse_tml  # bench/ is on sys.path once the module is loaded

    counts = module.conventions([parse_tml(tml)])
    assert counts == {
        "dateline date: marked (TimeML)": 1,
        "part of day: DATE without the part in the value, the part-of-day word left outside": 1,
        "quantity word before a duration: left outside": 1,
        "last/this/next week: ISO week (TimeML)": 1,
    }
