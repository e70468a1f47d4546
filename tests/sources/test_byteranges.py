import pytest

from sources.byteranges import RangeNotSatisfiable, byte_range


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-", (0, 99)),
        ("bytes=10-19", (10, 19)),
        ("bytes=90-500", (90, 99)),
        ("bytes=-10", (90, 99)),
        ("bytes=-500", (0, 99)),
    ],
)
def test_one_range_is_read(header, expected):
    assert byte_range(header, 100) == expected


@pytest.mark.parametrize(
    "header", ["", "bytes=", "bytes=-", "bytes=5-2", "bytes=0-1,5-6", "items=0-5", "bytes=+1-2"]
)
def test_what_cannot_be_read_as_one_range_means_the_whole_file(header):
    assert byte_range(header, 100) is None


@pytest.mark.parametrize("header", ["bytes=100-", "bytes=-0"])
def test_a_range_outside_the_file_is_not_satisfiable(header):
    with pytest.raises(RangeNotSatisfiable):
        byte_range(header, 100)
