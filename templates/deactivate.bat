@echo off
rem Leaves the virtual environment that activate.bat made active, putting PATH,
rem PROMPT and PYTHONHOME back exactly as they were, "not set" included. Also
rem leaves one that CPython's own activate.bat made active (same variable names).

if defined _VIRTUAL_ENV_ACTIVE goto :active
if defined _OLD_VIRTUAL_PATH goto :active
echo deactivate: no virtual environment is active 1>&2
exit /b 1
:active

if exist "%SystemRoot%\System32\doskey.exe" "%SystemRoot%\System32\doskey.exe" pydoc=
rem An old value is read as !NAME! with delayed expansion on, so its own ! stay.
set "_VIRTUAL_ENV_DELAYED=1"
if defined _VIRTUAL_ENV_PROMPT_CHANGED set PROMPT=
if defined _OLD_VIRTUAL_PROMPT set PROMPT=
if "!_VIRTUAL_ENV_DELAYED!"=="1" goto :restore_delayed
rem An old value may hold " and &: it is read from `set NAME` into %%b, which cmd
rem substitutes after it has parsed the line (as %NAME%, a " would end the quotes).
if defined _OLD_VIRTUAL_PYTHONHOME for /f "tokens=1* delims==" %%a in ('set _OLD_VIRTUAL_PYTHONHOME') do if /i "%%a"=="_OLD_VIRTUAL_PYTHONHOME" set "PYTHONHOME=%%b"
if defined _OLD_VIRTUAL_PROMPT for /f "tokens=1* delims==" %%a in ('set _OLD_VIRTUAL_PROMPT') do if /i "%%a"=="_OLD_VIRTUAL_PROMPT" set "PROMPT=%%b"
if defined _OLD_VIRTUAL_PATH for /f "tokens=1* delims==" %%a in ('set _OLD_VIRTUAL_PATH') do if /i "%%a"=="_OLD_VIRTUAL_PATH" set "PATH=%%b"
goto :restored
:restore_delayed
if defined _OLD_VIRTUAL_PATH set "PATH=!_OLD_VIRTUAL_PATH!"
if defined _OLD_VIRTUAL_PYTHONHOME set "PYTHONHOME=!_OLD_VIRTUAL_PYTHONHOME!"
if defined _OLD_VIRTUAL_PROMPT set "PROMPT=!_OLD_VIRTUAL_PROMPT!"
:restored
rem PATH is emptied last: wine's `for /f` finds cmd.exe on PATH.
if not defined _OLD_VIRTUAL_PATH set PATH=
set _VIRTUAL_ENV_DELAYED=
set _VIRTUAL_ENV_ACTIVE=
set _VIRTUAL_ENV_PROMPT_CHANGED=
set _OLD_VIRTUAL_PROMPT=
set _OLD_VIRTUAL_PYTHONHOME=
set _OLD_VIRTUAL_PATH=
set VIRTUAL_ENV=
set VIRTUAL_ENV_PROMPT=
