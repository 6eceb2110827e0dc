"""``taskfacade completion bash|zsh|fish``: static scripts (shtab) that complete commands, options and services."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import cli_support as cs
import pytest

COMMANDS = ("tasks", "config", "emulator", "completion", "demo", "list", "show", "wait", "cancel", "abort", "retry")
SERVICES = ("tiledb", "deadline", "geobox", "tensorbay")
OPTIONS = ("--since", "--status", "--profile", "--emulator", "--farm-id", "--dataset", "--timeout")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_script_mentions_commands_options_and_services(bare_env: dict[str, str], shell: str) -> None:
    result = cs.run("completion", shell, env=bare_env)
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    for word in (*COMMANDS, *SERVICES):
        assert word in result.stdout, f"{shell}: {word} is not completed"
    for option in OPTIONS:  # fish spells an option `-l since`
        spelled = f"-l {option[2:]}" if shell == "fish" else option
        assert spelled in result.stdout, f"{shell}: {option} is not completed"


def _complete(script: Path, *words: str) -> list[str]:
    """What bash offers after ``taskfacade WORDS`` (the last word is the one being completed)."""
    bash = shutil.which("bash")
    assert bash is not None
    words_text = " ".join(f"'{word}'" for word in ("taskfacade", *words))
    program = (
        f"source {script}; COMP_WORDS=({words_text}); COMP_CWORD={len(words)}; "
        '_shtab_taskfacade; echo "${COMPREPLY[@]}"'
    )
    done = subprocess.run([bash, "-c", program], capture_output=True, text=True, timeout=30, check=True)
    return done.stdout.split()


def test_bash_completes_commands_services_and_options(bare_env: dict[str, str], tmp_path: Path) -> None:
    script = tmp_path / "taskfacade.bash"
    script.write_text(cs.run("completion", "bash", env=bare_env).stdout, encoding="utf-8")
    assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0
    assert {"tasks", "config", "emulator", "completion", "demo"} <= set(_complete(script, ""))
    assert set(_complete(script, "tasks", "wait", "")) == set(SERVICES)
    assert _complete(script, "tasks", "list", "geo") == ["geobox"]
    assert "--since" in _complete(script, "tasks", "list", "tiledb", "--s")
    assert set(_complete(script, "completion", "")) == {"bash", "zsh", "fish"}


def test_unknown_shell_is_a_usage_error(bare_env: dict[str, str]) -> None:
    result = cs.run("completion", "ksh", env=bare_env)
    assert result.code == 2
    assert result.stdout == ""
    assert "invalid choice: 'ksh'" in result.stderr
