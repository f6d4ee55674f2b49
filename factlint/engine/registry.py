"""The one table of what a rule can name beyond its own slots: functions and `~=` converters.

Every callable a rule's expression can reach, and every meaning `a ~= b` can take, is listed
here by name, so what the rule language offers is read in one place and nothing is added by
importing a module for its side effect. Slot types ({x:money}, {x:date}, ...) are the table
SLOT_TYPES of engine/slots.py, beside the readers they are built from. api.py hands
CONVERTERS to the evaluation context; the loader checks an expression's names against
FUNCTIONS, and the run loop calls them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from factlint.engine import functions as fn
from factlint.engine.converters.money import money_candidates, rated
from factlint.engine.converters.units import measure_candidates
from factlint.engine.semantics import Converter

FUNCTIONS: Mapping[str, Callable[..., Any]] = MappingProxyType(
    {
        "abs": fn.absolute,
        "min": fn.minimum,
        "max": fn.maximum,
        "count": fn.count,
        "price_point": fn.price_point,
        "rated": rated,
        "exact": fn.exact,
        "weekday": fn.weekday,
        "written_weekday": fn.written_weekday,
        "key": fn.fact_key,
        "fact": fn.unbound_fact,
        "known": fn.unbound_known,
        "only": fn.unbound_only,
        "multiple": fn.multiple,
        "carried": fn.carried,
        "comparable": fn.comparable,
        "clock_times": fn.clock_times,
    }
)

# Bound by the run loop to the document's facts for each match; refused where no fact can be
# known yet (a record's key and where).
FACT_FUNCTIONS = ("fact", "known", "only")

# The kind of the right-hand slot -> the readings of `a` in `b`'s terms.
CONVERTERS: Mapping[str, Converter] = MappingProxyType(
    {
        "money": money_candidates,
        "measure": measure_candidates,
        # the ends of a range of measures ("8 to 75 cm (3 to 30 in)") convert like measures
        "range_low": measure_candidates,
        "range_high": measure_candidates,
    }
)
