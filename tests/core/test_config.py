"""Config loading: the default plan is the seed's, and every mistake is one located line."""

from __future__ import annotations

from pathlib import Path

import pytest

from warroom.core.config import default_config, default_plan_text, find_config_path, load_config
from warroom.core.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "warroom.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value.problems


def test_default_plan_carries_the_seed_thresholds() -> None:
    config = default_config()
    triggers = {t.metric: (t.op, t.threshold) for t in config.triggers}
    assert triggers == {
        "error_rate": (">", 1),
        "page_load": (">", 5),
        "api_response": (">", 2000),
        "db_conn_failures": (">", 5),
    }
    alerts = {(a.priority, a.metric, a.threshold) for a in config.alerts}
    assert alerts == {
        ("high", "error_rate", 0.5),
        ("high", "api_response", 3000),
        ("medium", "page_load", 2),
        ("medium", "failed_requests", 1),
    }
    assert [s.pct for s in config.stages] == [5, 15, 50, 100]
    completion = config.metric("profile_completion")
    assert (completion.baseline, completion.target) == (65, 85)
    assert config.metric("page_load").target == 1.5
    assert config.metric("satisfaction").target == 90
    assert {g.id: g.target_minutes for g in config.runbook.groups}["immediate"] == 5


def test_default_plan_has_every_product_metric_of_the_seed() -> None:
    product = {m.id: m.target for m in default_config().metrics_on("product")}
    expected = {
        "avatar_upload": 80,
        "bio_completion": 70,
        "social_links": 50,
        "viewer_3d_usage": 60,
        "wishlist_creation": 70,
        "battle_participation": 40,
        "bet_placement": 35,
        "auction_participation": 45,
    }
    assert expected.items() <= product.items()
    assert len(product) >= 27


def test_init_text_round_trips_to_the_default(tmp_path: Path) -> None:
    path = write(tmp_path, default_plan_text())
    assert load_config(path) == default_config()


def test_partial_file_overlays_the_default(tmp_path: Path) -> None:
    path = write(tmp_path, '[sources.datadog]\nsite = "datadoghq.eu"\n\n[launch]\nname = "X"\n')
    config = load_config(path)
    assert config.sources.datadog.site == "datadoghq.eu"
    assert config.sources.datadog.interval == default_config().sources.datadog.interval
    assert config.launch.name == "X"
    assert len(config.metrics) == len(default_config().metrics)


def test_unknown_key_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[ui]\ntheme = "war-room"\ncolour = 3\n')
    assert problems(path) == [f"{path}:3: ui.colour: unknown key"]


def test_wrong_type_in_an_array_table_names_the_entry(tmp_path: Path) -> None:
    entry = '[[metrics]]\nid = "{0}"\nlabel = "{0}"\ntab = "executive"\n'
    text = entry.format("a") + "\n" + entry.format("b") + 'warn = "high"\n'
    found = problems(write(tmp_path, text))
    expected = "metrics[1].warn: Input should be a valid number, got 'high'"
    assert found == [f"{tmp_path / 'warroom.toml'}:10: {expected}"]


def test_every_mistake_is_reported_not_just_the_first(tmp_path: Path) -> None:
    path = write(tmp_path, "[sources.datadog]\ninterval = -1\nbogus = 1\n")
    found = problems(path)
    assert len(found) == 2
    assert found[0].startswith(f"{path}:2: sources.datadog.interval:")
    assert found[1] == f"{path}:3: sources.datadog.bogus: unknown key"


def test_syntax_error_gives_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'a = 1\nb = "unterminated\n')
    (line,) = problems(path)
    assert line.startswith(f"{path}:2: syntax:")


def test_missing_file(tmp_path: Path) -> None:
    assert problems(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}: file not found"]


def test_rules_must_name_known_metrics(tmp_path: Path) -> None:
    text = '[[triggers]]\nid = "t"\nmetric = "nope"\nop = ">"\nthreshold = 1\nmessage = "m"\n'
    path = write(tmp_path, text)
    assert problems(path) == [f"{path}:3: triggers[0].metric: unknown metric 'nope'"]


def test_warn_must_come_before_crit(tmp_path: Path) -> None:
    text = '[[metrics]]\nid = "a"\nlabel = "A"\ntab = "executive"\nwarn = 5\ncrit = 1\n'
    (line,) = problems(write(tmp_path, text))
    assert "metrics[0]" in line and "warn must be below or equal to crit" in line


def test_lookup_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    xdg = tmp_path / "xdg"
    user = xdg / "warroom" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text("")
    env = {"XDG_CONFIG_HOME": str(xdg)}
    assert find_config_path(None, env) == user
    (tmp_path / "warroom.toml").write_text("")
    assert find_config_path(None, env) == Path("warroom.toml")
    assert find_config_path("other.toml", env) == Path("other.toml")
    assert find_config_path(None, {"XDG_CONFIG_HOME": str(tmp_path / "none")}) == Path(
        "warroom.toml"
    )


def test_tabs_show_trigger_metrics_first_then_alert_metrics() -> None:
    engineering = [m.id for m in default_config().metrics_on("engineering")]
    assert engineering[:4] == ["error_rate", "page_load", "api_response", "db_conn_failures"]
    assert engineering[4:6] == ["failed_requests", "component_render"]
    assert "uptime" in engineering[6:]
    executive = [m.id for m in default_config().metrics_on("executive")]
    assert executive[0] == "profile_completion"  # no trigger or alert: plan order
