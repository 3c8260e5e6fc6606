"""The cyclic garbage collector stays off from the start of the process to the first frame.

Start-up allocates about 180,000 objects that live as long as the process (Textual, pydantic,
the plan's models, the widgets), and almost none of them are garbage. With the collector on,
those allocations set off collections that walk the whole growing heap again and again:
about 0.15 s of the time to the first frame, for some 1,900 objects freed. So the entry
points (`warroom` and `python -m warroom`) call `pause()` before anything else is imported,
and `resume()` runs once the first frame is drawn, or at once for a command without one.

`resume()` collects once, then freezes what survives (`gc.freeze`): the start-up heap moves
to the permanent generation, so the collections of a long run do not walk it either. It does
nothing unless `pause()` ran, so tests and library use keep the collector as it was.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Turns the collector off until `resume()`, if it is on."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Turns the collector back on after `pause()`; once, and only then."""
    global _paused
    if not _paused:
        return
    _paused = False
    gc.collect()
    gc.freeze()
    gc.enable()


def paused() -> bool:
    """True between `pause()` and `resume()`."""
    return _paused
