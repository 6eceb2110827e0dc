"""``taskfacade config ...``: set, unset, show, use, path and keys."""

from __future__ import annotations

import argparse
import getpass
import sys

from ._config import ConfigFile, check_key, config_path, convert_value, is_secret, key_meanings
from ._exit import ExitCode, UsageError
from ._registry import load_installed
from ._render import dumps_json, key_values, table

__all__ = ["run_config"]


def run_config(args: argparse.Namespace) -> int:
    """Dispatch ``config <command>``."""
    config = ConfigFile(config_path(args.config))
    handlers = {
        "set": _set,
        "unset": _unset,
        "show": _show,
        "use": _use,
        "path": _path,
        "keys": _keys,
    }
    return handlers[args.config_command](args, config)


def _read_secret(key: str) -> str:
    """A secret typed at a hidden prompt, or the first line of stdin when it is not a terminal."""
    if sys.stdin.isatty():
        return getpass.getpass(f"{key}: ")
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _set(args: argparse.Namespace, config: ConfigFile) -> int:
    check_key(args.key)
    secret = is_secret(args.key)
    if args.value is None:
        if not secret:
            raise UsageError(f"config set {args.key} needs a value")
        value = _read_secret(args.key)
    else:
        value = args.value
        if secret:
            print(
                "taskfacade: warning: a secret on the command line can end up in your shell history; "
                f"omit the value to be prompted (or pipe it: ... | taskfacade config set {args.key})",
                file=sys.stderr,
            )
    converted = convert_value(args.key, value)
    name, _explicit = config.chosen_name(args.profile)
    config.set_value(name, args.key, converted)
    shown = "******" if secret else converted
    print(f"{config.path} [{name}]: {args.key} = {shown}")
    return ExitCode.OK


def _unset(args: argparse.Namespace, config: ConfigFile) -> int:
    check_key(args.key)
    name, _explicit = config.chosen_name(args.profile)
    config.set_value(name, args.key, None)
    print(f"{config.path} [{name}]: {args.key} removed")
    return ExitCode.OK


def _show(args: argparse.Namespace, config: ConfigFile) -> int:
    profile = config.profile(args.profile)
    if args.json:
        print(dumps_json({"path": str(config.path), "profile": profile.name, "settings": profile.shown()}))
        return ExitCode.OK
    print(f"config file: {config.path}{'' if config.path.exists() else ' (not created yet)'}")
    print(f"profiles: {', '.join(config.profile_names()) or 'none'}")
    print(f"profile in use: {profile.name}{'' if profile.exists else ' (empty)'}")
    pairs = []
    for key, value in profile.shown().items():
        if isinstance(value, dict):
            pairs += [(f"{key}.{inner}", shown) for inner, shown in value.items()]
        else:
            pairs.append((key, value))
    if pairs:
        print(key_values(pairs))
    return ExitCode.OK


def _use(args: argparse.Namespace, config: ConfigFile) -> int:
    config.set_default(args.name)
    print(f"{config.path}: default profile is now {args.name}")
    return ExitCode.OK


def _path(args: argparse.Namespace, config: ConfigFile) -> int:
    print(config.path)
    return ExitCode.OK


def _keys(args: argparse.Namespace, config: ConfigFile) -> int:
    load_installed()  # every key, the installed plug-ins' too
    rows = [[key, meaning] for key, meaning in key_meanings()]
    print(table(["KEY", "MEANING"], rows, width=120))
    return ExitCode.OK
