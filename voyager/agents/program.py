"""The program the action agent extracted from a model's answer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Program:
    """`code`: every function definition (helpers first, the main function last);
    `main_function`: the main function's name; `exec_code`: the statement that runs it."""

    code: str
    main_function: str
    exec_code: str
