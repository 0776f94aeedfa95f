@echo off
rem Leaves the virtual environment that activate.bat made active, putting PROMPT,
rem PYTHONHOME and PATH back as they were.

if not defined _OLD_VIRTUAL_PATH (
    echo deactivate: no virtual environment is active 1>&2
    exit /b 1
)

set "_VIRTUAL_ENV_DELAYED=1"
if "!_VIRTUAL_ENV_DELAYED!"=="1" (
    set "PROMPT=!_OLD_VIRTUAL_PROMPT!"
    if defined _OLD_VIRTUAL_PYTHONHOME set "PYTHONHOME=!_OLD_VIRTUAL_PYTHONHOME!"
    set "PATH=!_OLD_VIRTUAL_PATH!"
) else (
    set "PROMPT=%_OLD_VIRTUAL_PROMPT%"
    if defined _OLD_VIRTUAL_PYTHONHOME set "PYTHONHOME=%_OLD_VIRTUAL_PYTHONHOME%"
    set "PATH=%_OLD_VIRTUAL_PATH%"
)
set _VIRTUAL_ENV_DELAYED=
set _OLD_VIRTUAL_PROMPT=
set _OLD_VIRTUAL_PYTHONHOME=
set _OLD_VIRTUAL_PATH=
set VIRTUAL_ENV=
set VIRTUAL_ENV_PROMPT=
doskey pydoc=
