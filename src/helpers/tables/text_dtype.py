"""`Text`: pandera's string dtype (``str``: ``string[pyarrow]`` under pandas 3) whose check
answers one bool when a column holds that dtype already.

pandera's own string dtype answers an array of True, one per row, and pandera then builds
(and prints into a message nobody reads) an empty table of failure cases for every string
column of every table it validates: about half of the validation's CPU. `Text` is
registered through pandera's documented extension API (``Engine.register_dtype``); it
coerces, prints and fails exactly as the string dtype does, so the data dictionary and
every finding stay the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from pandera import dtypes
from pandera.engines import pandas_engine


@pandas_engine.Engine.register_dtype
@dtypes.immutable(init=True)
class Text(pandas_engine.STRING):
    """The string dtype of pandas (``str``), checked column-wise when the column is typed."""

    def check(
        self, pandera_dtype: dtypes.DataType, data_container: Any | None = None
    ) -> bool | Iterable[bool]:
        """True when the column has the string dtype; else the string dtype's own answer
        (one bool per row when pandera looks at each value, so failures read the same)."""
        result = super().check(pandera_dtype, data_container)
        if isinstance(result, np.ndarray) and result.dtype == bool and result.all():
            return True
        return result
