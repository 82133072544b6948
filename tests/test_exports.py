import revforensics


def _isort_key(name):
    """Constants, then classes, then functions, each alphabetical (ruff's RUF022 order)."""
    if name.isupper():
        return (0, name)
    return (1, name) if name[0].isupper() else (2, name)


def test_all_lists_exactly_the_public_names():
    """__all__ is sorted and lists every public name the package exports."""
    public = {name for name in vars(revforensics) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(revforensics, name)).__name__ == "module"}
    assert set(revforensics.__all__) == (public - modules) | {"__version__"}
    assert list(revforensics.__all__) == sorted(revforensics.__all__, key=_isort_key)


def test_one_exception_tree():
    """Every exception derives from RevForensicsError."""
    errors = [getattr(revforensics, n) for n in revforensics.__all__ if n.endswith("Error")]
    assert errors
    assert all(issubclass(e, revforensics.RevForensicsError) for e in errors)


def test_py_typed_ships():
    """The package is marked as typed."""
    from importlib.resources import files

    assert (files("revforensics") / "py.typed").is_file()
