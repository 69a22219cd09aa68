"""`pinagent analytics export`: CSV for every campaign (or ad group, ad), agreeing with the account total."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
from pathlib import Path

from tests.support.flows import prepare_connected_data_dir
from tests.support.processes import PINAGENT, process_env

ACCOUNT = "549764001001"


def _export(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    end = dt.date.today() - dt.timedelta(days=1)
    window = ["--start", str(end - dt.timedelta(days=6)), "--end", str(end)]
    command = [PINAGENT, "analytics", "export", *args, *window]
    return subprocess.run(command, env=process_env(env), capture_output=True, text=True, timeout=120)


async def test_export_campaign_rows_to_a_file_and_the_account_to_stdout(tmp_path: Path) -> None:
    env = {"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "export"}
    await prepare_connected_data_dir(env)

    target = tmp_path / "campaigns.csv"
    by_campaign = _export(env, ACCOUNT, "--level", "campaign", "--out", str(target))
    assert by_campaign.returncode == 0, by_campaign.stderr
    assert "Wrote" in by_campaign.stderr
    campaign_rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert campaign_rows
    assert {r["currency"] for r in campaign_rows} == {"EUR"}
    assert all(r["name"] for r in campaign_rows)
    assert len({r["date"] for r in campaign_rows}) == 7

    account = _export(env, ACCOUNT, "--level", "ad_account", "--granularity", "TOTAL")
    assert account.returncode == 0, account.stderr
    (total,) = list(csv.DictReader(io.StringIO(account.stdout)))
    assert abs(sum(float(r["spend"]) for r in campaign_rows) - float(total["spend"])) < 0.05

    not_shared = _export(env, "549764001004")
    assert not_shared.returncode == 1
    assert "not shared" in not_shared.stderr
