"""The wheel carries the non-Python folders, and an installed package finds them."""

import subprocess
import sys
import zipfile

import pytest

from voyager import paths


def test_checkout_finds_every_data_folder():
    for name in paths.DATA_FOLDERS:
        assert paths.data_dir(name).is_dir(), name
    assert paths.default_config_path().is_file()
    with pytest.raises(ValueError):
        paths.data_dir("nope")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The project's wheel, built once offline (hatchling from the dev extras)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
         str(paths.project_root())],
        check=True, capture_output=True, timeout=300,
    )
    return next(out.glob("voyager-*.whl"))


@pytest.mark.slow
def test_wheel_ships_data_folders_without_node_modules(wheel, tmp_path):
    names = zipfile.ZipFile(wheel).namelist()
    assert "voyager/_data/configs/default.yaml" in names
    assert "voyager/_data/env/package-lock.json" in names
    assert "voyager/_data/bridge/package-lock.json" in names
    assert not [n for n in names if "node_modules" in n]
    # Unpacked somewhere else, the package resolves its data folders inside itself.
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    out = subprocess.run(
        [sys.executable, "-c", "from voyager import paths; print(paths.default_config_path())"],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert out.stdout.strip() == str(target / "voyager" / "_data" / "configs" / "default.yaml")


@pytest.mark.slow
def test_installed_wheel_gives_a_voyager_command(wheel, tmp_path):
    """pip installs the wheel's console script; it runs from the install, not from the checkout."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    command = target / "bin" / "voyager"
    assert command.is_file()
    # The dependencies come from this environment; the voyager package only from the install.
    site = subprocess.run([sys.executable, "-c", "import chromadb, os; print(os.path.dirname(os.path.dirname(chromadb.__file__)))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    env = {"PYTHONPATH": f"{target}:{site}", "PATH": f"{target / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, str(command), "--help"], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "learn" in out.stdout and "skills" in out.stdout
    where = subprocess.run([sys.executable, "-c", "import voyager; print(voyager.__file__)"], capture_output=True,
                           text=True, env=env, cwd=tmp_path, check=True).stdout.strip()
    assert where.startswith(str(target))
