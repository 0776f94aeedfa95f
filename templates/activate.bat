@echo off
rem Activates this virtual environment in cmd.exe:   path\to\venv\Scripts\activate.bat
rem Leave it with deactivate.bat (on PATH while the environment is active).
rem
rem Every step is written twice: for delayed expansion off (the default) and for
rem delayed expansion on (cmd /V:ON), where ! and ^ are special and a value must
rem be read as !NAME! so that its own ! are not expanded again. Values are only
rem read inside "set "NAME=value"" quotes, so & | < > ( ) in them stay text, and
rem there are no ( ) blocks: each line is expanded when it runs.

rem The values below are UTF-8; read them with that code page, then put it back.
for /f "tokens=2 delims=:." %%a in ('"%SystemRoot%\System32\chcp.com"') do set "_VIRTUAL_ENV_OLD_CODEPAGE=%%a"
"%SystemRoot%\System32\chcp.com" 65001 > nul

rem Leave any environment that is active now, so PATH never holds two of them:
rem what deactivate.bat does, written out here because `call "%~dp0..."` would
rem expand a % in this folder's path a second time.
set "_VIRTUAL_ENV_DELAYED=1"
if defined _VIRTUAL_ENV_ACTIVE goto :leave_active
if not defined _OLD_VIRTUAL_PATH goto :left_active
:leave_active
if defined _VIRTUAL_ENV_PROMPT_CHANGED set PROMPT=
if defined _OLD_VIRTUAL_PROMPT set PROMPT=
if "!_VIRTUAL_ENV_DELAYED!"=="1" goto :leave_active_delayed
if defined _OLD_VIRTUAL_PYTHONHOME for /f "tokens=1* delims==" %%a in ('set _OLD_VIRTUAL_PYTHONHOME') do if /i "%%a"=="_OLD_VIRTUAL_PYTHONHOME" set "PYTHONHOME=%%b"
if defined _OLD_VIRTUAL_PROMPT for /f "tokens=1* delims==" %%a in ('set _OLD_VIRTUAL_PROMPT') do if /i "%%a"=="_OLD_VIRTUAL_PROMPT" set "PROMPT=%%b"
if defined _OLD_VIRTUAL_PATH for /f "tokens=1* delims==" %%a in ('set _OLD_VIRTUAL_PATH') do if /i "%%a"=="_OLD_VIRTUAL_PATH" set "PATH=%%b"
goto :left_active_values
:leave_active_delayed
if defined _OLD_VIRTUAL_PATH set "PATH=!_OLD_VIRTUAL_PATH!"
if defined _OLD_VIRTUAL_PYTHONHOME set "PYTHONHOME=!_OLD_VIRTUAL_PYTHONHOME!"
if defined _OLD_VIRTUAL_PROMPT set "PROMPT=!_OLD_VIRTUAL_PROMPT!"
:left_active_values
rem PATH is emptied last: wine's `for /f` finds cmd.exe on PATH.
if not defined _OLD_VIRTUAL_PATH set PATH=
set _VIRTUAL_ENV_ACTIVE=
set _VIRTUAL_ENV_PROMPT_CHANGED=
set _OLD_VIRTUAL_PROMPT=
set _OLD_VIRTUAL_PYTHONHOME=
set _OLD_VIRTUAL_PATH=
:left_active

if "!_VIRTUAL_ENV_DELAYED!"=="1" goto :set_values_delayed
set {{SET_VIRTUAL_ENV}}
set {{SET_VIRTUAL_ENV_PROMPT}}
set {{SET_PROMPT_PREFIX}}
set {{SET_BIN_NAME}}
goto :values_set
:set_values_delayed
set {{SET_VIRTUAL_ENV_DELAYED}}
set {{SET_VIRTUAL_ENV_PROMPT_DELAYED}}
set {{SET_PROMPT_PREFIX_DELAYED}}
set {{SET_BIN_NAME_DELAYED}}
:values_set
rem Found from this script's own location when the environment is relocatable.
set {{SET_RELOCATABLE}}
if defined _VIRTUAL_ENV_RELOCATABLE for %%v in ("%~dp0..") do set "VIRTUAL_ENV=%%~fv"

rem Each old value is saved only when it was set, so that deactivate.bat can tell
rem "was not set" (cmd cannot hold an empty variable) from "was this".
set "_VIRTUAL_ENV_ACTIVE=1"
if not defined VIRTUAL_ENV_DISABLE_PROMPT set "_VIRTUAL_ENV_PROMPT_CHANGED=1"
if "!_VIRTUAL_ENV_DELAYED!"=="1" goto :activate_delayed
rem Values the user set (PATH, PYTHONHOME, PROMPT) may hold " and &: written into
rem a line as %NAME%, a " would end the quotes and the & would run what follows.
rem They are read from `set NAME` into %%b, which cmd substitutes after it has
rem parsed the line; only this script's own values are written as %NAME%.
if defined PYTHONHOME for /f "tokens=1* delims==" %%a in ('set PYTHONHOME') do if /i "%%a"=="PYTHONHOME" set "_OLD_VIRTUAL_PYTHONHOME=%%b"
if not defined _VIRTUAL_ENV_PROMPT_CHANGED goto :prompt_set
rem The prompt: "(name) " before the current one ($P$G, cmd's own, when unset).
if defined PROMPT for /f "tokens=1* delims==" %%a in ('set PROMPT') do if /i "%%a"=="PROMPT" set "_OLD_VIRTUAL_PROMPT=%%b"
if defined _OLD_VIRTUAL_PROMPT for /f "tokens=1* delims==" %%a in ('set _OLD_VIRTUAL_PROMPT') do if /i "%%a"=="_OLD_VIRTUAL_PROMPT" set "PROMPT=%_VIRTUAL_ENV_PROMPT_PREFIX%%%b"
if not defined _OLD_VIRTUAL_PROMPT set "PROMPT=%_VIRTUAL_ENV_PROMPT_PREFIX%$P$G"
:prompt_set
if defined PATH for /f "tokens=1* delims==" %%a in ('set PATH') do if /i "%%a"=="PATH" set "_OLD_VIRTUAL_PATH=%%b"
if defined _OLD_VIRTUAL_PATH for /f "tokens=1* delims==" %%a in ('set _OLD_VIRTUAL_PATH') do if /i "%%a"=="_OLD_VIRTUAL_PATH" set "PATH=%VIRTUAL_ENV%\%_VIRTUAL_ENV_BIN_NAME%;%%b"
if not defined _OLD_VIRTUAL_PATH set "PATH=%VIRTUAL_ENV%\%_VIRTUAL_ENV_BIN_NAME%"
goto :activated
:activate_delayed
if defined PATH set "_OLD_VIRTUAL_PATH=!PATH!"
if defined _OLD_VIRTUAL_PATH set "PATH=!VIRTUAL_ENV!\!_VIRTUAL_ENV_BIN_NAME!;!_OLD_VIRTUAL_PATH!"
if not defined _OLD_VIRTUAL_PATH set "PATH=!VIRTUAL_ENV!\!_VIRTUAL_ENV_BIN_NAME!"
if defined PYTHONHOME set "_OLD_VIRTUAL_PYTHONHOME=!PYTHONHOME!"
if not defined _VIRTUAL_ENV_PROMPT_CHANGED goto :activated
if defined PROMPT set "_OLD_VIRTUAL_PROMPT=!PROMPT!"
if defined _OLD_VIRTUAL_PROMPT set "PROMPT=!_VIRTUAL_ENV_PROMPT_PREFIX!!_OLD_VIRTUAL_PROMPT!"
if not defined _OLD_VIRTUAL_PROMPT set "PROMPT=!_VIRTUAL_ENV_PROMPT_PREFIX!$P$G"
:activated
set PYTHONHOME=

set _VIRTUAL_ENV_DELAYED=
set _VIRTUAL_ENV_RELOCATABLE=
set _VIRTUAL_ENV_PROMPT_PREFIX=
set _VIRTUAL_ENV_BIN_NAME=
if exist "%SystemRoot%\System32\doskey.exe" "%SystemRoot%\System32\doskey.exe" pydoc=python -m pydoc $*

"%SystemRoot%\System32\chcp.com" %_VIRTUAL_ENV_OLD_CODEPAGE% > nul
set _VIRTUAL_ENV_OLD_CODEPAGE=
