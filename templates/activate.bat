@echo off
rem Activates this virtual environment in cmd.exe:   path\to\venv\Scripts\activate.bat
rem Leave it with deactivate.bat (on PATH while the environment is active).
rem
rem Every step is written twice: for delayed expansion off (the default) and for
rem delayed expansion on (cmd /V:ON), where ! and ^ are special and a value must
rem be read as !NAME! so that its own ! are not expanded again.

rem The values below are UTF-8; read them with that code page, then put it back.
for /f "tokens=2 delims=:." %%a in ('"%SystemRoot%\System32\chcp.com"') do set "_VIRTUAL_ENV_OLD_CODEPAGE=%%a"
"%SystemRoot%\System32\chcp.com" 65001 > nul

rem Leave any environment that is active now, so PATH never holds two of them.
if defined _OLD_VIRTUAL_PATH call "%~dp0deactivate.bat"

set "_VIRTUAL_ENV_DELAYED=1"
if "!_VIRTUAL_ENV_DELAYED!"=="1" (
    set {{SET_VIRTUAL_ENV_DELAYED}}
    set {{SET_VIRTUAL_ENV_PROMPT_DELAYED}}
    set {{SET_PROMPT_PREFIX_DELAYED}}
    set {{SET_BIN_NAME_DELAYED}}
) else (
    set {{SET_VIRTUAL_ENV}}
    set {{SET_VIRTUAL_ENV_PROMPT}}
    set {{SET_PROMPT_PREFIX}}
    set {{SET_BIN_NAME}}
)
rem Found from this script's own location when the environment is relocatable.
set {{SET_RELOCATABLE}}
if defined _VIRTUAL_ENV_RELOCATABLE for %%v in ("%~dp0..") do set "VIRTUAL_ENV=%%~fv"

rem cmd cannot hold an empty variable: "unset" and "empty" are the same here.
if not defined PROMPT set "PROMPT=$P$G"
if "!_VIRTUAL_ENV_DELAYED!"=="1" (
    set "_OLD_VIRTUAL_PROMPT=!PROMPT!"
    set "_OLD_VIRTUAL_PATH=!PATH!"
    if defined PYTHONHOME set "_OLD_VIRTUAL_PYTHONHOME=!PYTHONHOME!"
    set "PATH=!VIRTUAL_ENV!\!_VIRTUAL_ENV_BIN_NAME!;!PATH!"
    if not defined VIRTUAL_ENV_DISABLE_PROMPT set "PROMPT=!_VIRTUAL_ENV_PROMPT_PREFIX!!PROMPT!"
) else (
    set "_OLD_VIRTUAL_PROMPT=%PROMPT%"
    set "_OLD_VIRTUAL_PATH=%PATH%"
    if defined PYTHONHOME set "_OLD_VIRTUAL_PYTHONHOME=%PYTHONHOME%"
    set "PATH=%VIRTUAL_ENV%\%_VIRTUAL_ENV_BIN_NAME%;%PATH%"
    if not defined VIRTUAL_ENV_DISABLE_PROMPT set "PROMPT=%_VIRTUAL_ENV_PROMPT_PREFIX%%PROMPT%"
)
set PYTHONHOME=
set _VIRTUAL_ENV_DELAYED=
set _VIRTUAL_ENV_RELOCATABLE=
set _VIRTUAL_ENV_PROMPT_PREFIX=
set _VIRTUAL_ENV_BIN_NAME=
doskey pydoc=python -m pydoc $*

"%SystemRoot%\System32\chcp.com" %_VIRTUAL_ENV_OLD_CODEPAGE% > nul
set _VIRTUAL_ENV_OLD_CODEPAGE=
