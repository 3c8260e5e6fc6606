"""A user's file merges with the built-in plan entry by entry, keyed by `id`: an entry with a
built-in id changes only what it gives, a new id is added, `enabled = false` removes one, and
`replace` opts a section out of merging. Mistakes point at the user's own lines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from warroom.core.config import Config, default_config, default_plan_text, load_config
from warroom.core.errors import ConfigError
from warroom.core.plan import PlanEntry

BUILT_IN = default_config()


def load(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "warroom.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text)
    return [p.replace(str(tmp_path / "warroom.toml"), "FILE") for p in caught.value.problems]


def ids(entries: Sequence[PlanEntry]) -> list[str]:
    return [e.id for e in entries]


def test_an_entry_with_a_built_in_id_changes_only_the_keys_it_gives(tmp_path: Path) -> None:
    config = load(tmp_path, '[[metrics]]\nid = "error_rate"\nwarn = 0.3\n')
    changed, before = config.metric("error_rate"), BUILT_IN.metric("error_rate")
    assert changed.warn == 0.3 and before.warn != 0.3
    assert changed.model_copy(update={"warn": before.warn}) == before
    assert ids(config.metrics) == ids(BUILT_IN.metrics)  # same metrics, same order


def test_a_new_id_is_added_after_the_built_in_entries(tmp_path: Path) -> None:
    text = '[[metrics]]\nid = "queue_depth"\nlabel = "Queue depth"\ntab = "engineering"\n'
    config = load(tmp_path, text)
    assert ids(config.metrics) == [*ids(BUILT_IN.metrics), "queue_depth"]


def test_a_new_entry_written_before_a_changed_one_keeps_its_place(tmp_path: Path) -> None:
    text = (
        '[[metrics]]\nid = "queue_depth"\nlabel = "Queue depth"\ntab = "engineering"\n\n'
        '[[metrics]]\nid = "page_load"\nwarn = 1.8\n'
    )
    order = ids(load(tmp_path, text).metrics)
    assert order.index("queue_depth") + 1 == order.index("page_load")
    assert len(order) == len(BUILT_IN.metrics) + 1


@pytest.mark.parametrize(
    ("section", "entry_id"),
    [
        ("metrics", "mongo_net_in"),
        ("alerts", "medium_failed_requests"),
        ("trends", "low_degradation_trend"),
        ("triggers", "rollback_page_load"),
        ("criteria", "page_load_time"),
    ],
)
def test_enabled_false_removes_a_built_in_entry(
    tmp_path: Path, section: str, entry_id: str
) -> None:
    config = load(tmp_path, f'[[{section}]]\nid = "{entry_id}"\nenabled = false\n')
    before = ids(getattr(BUILT_IN, section))
    assert entry_id in before
    assert ids(getattr(config, section)) == [i for i in before if i != entry_id]


def test_removing_a_metric_rules_still_use_is_one_line_at_the_removal(tmp_path: Path) -> None:
    found = problems(tmp_path, '[[metrics]]\nid = "uptime"\nenabled = false\n')
    assert found == [
        "FILE:3: metrics[0].enabled: metric 'uptime' is still used by criteria.uptime_sla: "
        "disable those too (enabled = false), or keep the metric"
    ]


def test_removing_the_metric_and_its_rules_together_is_fine(tmp_path: Path) -> None:
    text = (
        '[[metrics]]\nid = "uptime"\nenabled = false\n\n'
        '[[criteria]]\nid = "uptime_sla"\nenabled = false\n'
    )
    config = load(tmp_path, text)
    assert "uptime" not in ids(config.metrics) and "uptime_sla" not in ids(config.criteria)


def test_replace_makes_the_file_s_list_the_whole_list(tmp_path: Path) -> None:
    text = (
        'replace = ["alerts", "trends"]\n\n'
        '[[alerts]]\nid = "mine"\npriority = "low"\nmetric = "uptime"\nop = "<"\n'
        'threshold = 99\nmessage = "m"\n'
    )
    config = load(tmp_path, text)
    assert ids(config.alerts) == ["mine"] and config.trends == []
    assert ids(config.triggers) == ids(BUILT_IN.triggers)  # not named: still merged


def test_replacing_metrics_names_the_rules_it_leaves_without_one(tmp_path: Path) -> None:
    text = 'replace = ["metrics"]\n\n[[metrics]]\nid = "a"\nlabel = "A"\ntab = "engineering"\n'
    (line,) = problems(tmp_path, text)
    assert line.startswith(
        "FILE:1: replace[0]: the built-in metrics this drops are still used by alerts."
    )
    assert line.endswith("replace those sections too, or give the metrics they use")


def test_an_empty_list_is_refused_because_it_would_change_nothing(tmp_path: Path) -> None:
    (line,) = problems(tmp_path, "# no triggers\ntriggers = []\n")
    assert line.startswith("FILE:2: triggers: an empty list changes nothing here")
    assert load(tmp_path, 'replace = ["triggers"]\ntriggers = []\n').triggers == []


def test_a_changed_source_takes_none_of_the_built_in_query(tmp_path: Path) -> None:
    text = '[[metrics]]\nid = "api_response"\nsource = "mongo"\nquery = "api_latency"\n'
    changed = load(tmp_path, text).metric("api_response")
    assert BUILT_IN.metric("api_response").query_unit == "s"
    assert (changed.source, changed.query, changed.query_unit) == ("mongo", "api_latency", None)
    assert changed.label == BUILT_IN.metric("api_response").label  # the rest is inherited


def test_a_mistake_in_a_changed_entry_names_the_user_s_line_and_index(tmp_path: Path) -> None:
    text = '[[metrics]]\nid = "uptime"\nwarn = 99\n\n[[metrics]]\nid = "page_load"\nwarn = "x"\n'
    assert problems(tmp_path, text) == [
        "FILE:7: metrics[1].warn: Input should be a valid number, got 'x'"
    ]


def test_a_cross_check_on_a_changed_entry_names_the_user_s_line(tmp_path: Path) -> None:
    text = '[[triggers]]\nid = "rollback_page_load"\nmetric = "page_lod"\n'
    assert problems(tmp_path, text) == ["FILE:3: triggers[0].metric: unknown metric 'page_lod'"]


def test_an_id_given_twice_in_the_file_is_one_line(tmp_path: Path) -> None:
    text = '[[alerts]]\nid = "high_error_rate"\nthreshold = 0.4\n\n'
    text += '[[alerts]]\nid = "high_error_rate"\nthreshold = 0.6\n'
    assert problems(tmp_path, text) == [
        "FILE:6: alerts[1].id: alert id 'high_error_rate' is repeated (first at alerts[0])"
    ]


def test_the_whole_built_in_plan_as_a_file_changes_nothing(tmp_path: Path) -> None:
    assert load(tmp_path, default_plan_text()) == BUILT_IN
