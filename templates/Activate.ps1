<#
.Synopsis
Activates this Python virtual environment in the current PowerShell session.

.Description
Puts the environment's scripts folder first on PATH, sets VIRTUAL_ENV and
VIRTUAL_ENV_PROMPT, and shows "(prompt) " before the prompt unless
VIRTUAL_ENV_DISABLE_PROMPT is set. `deactivate` puts everything back.
Dot-source it or run it:   . path\to\venv\Scripts\Activate.ps1

.Parameter VenvDir
The environment to activate; by default the one this script belongs to.

.Parameter Prompt
The text shown in parentheses before the prompt; by default the environment's.
#>
Param(
    [Parameter(Mandatory = $false)]
    [String]
    $VenvDir,
    [Parameter(Mandatory = $false)]
    [String]
    $Prompt
)

function global:deactivate ([switch]$NonDestructive) {
    if (-not (Test-Path -Path Env:VIRTUAL_ENV) -and
        -not (Test-Path -Path Variable:global:_VIRTUAL_ENV_OLD_PATH)) {
        if (-not $NonDestructive) {
            Write-Error 'deactivate: no virtual environment is active'
        }
        return
    }
    if (Test-Path -Path Function:global:_virtual_env_saved_prompt) {
        Copy-Item -Path Function:global:_virtual_env_saved_prompt -Destination Function:global:prompt
        Remove-Item -Path Function:global:_virtual_env_saved_prompt
    }
    if (Test-Path -Path Variable:global:_VIRTUAL_ENV_OLD_PATH) {
        $Env:PATH = $global:_VIRTUAL_ENV_OLD_PATH
        Remove-Variable -Name _VIRTUAL_ENV_OLD_PATH -Scope Global
    }
    if (Test-Path -Path Variable:global:_VIRTUAL_ENV_OLD_PYTHONHOME) {
        $Env:PYTHONHOME = $global:_VIRTUAL_ENV_OLD_PYTHONHOME
        Remove-Variable -Name _VIRTUAL_ENV_OLD_PYTHONHOME -Scope Global
    }
    Remove-Item -Path Env:VIRTUAL_ENV -ErrorAction SilentlyContinue
    Remove-Item -Path Env:VIRTUAL_ENV_PROMPT -ErrorAction SilentlyContinue
    if (-not $NonDestructive) {
        Remove-Item -Path Function:global:pydoc -ErrorAction SilentlyContinue
        Remove-Item -Path Function:global:deactivate
    }
}

# Leave any environment that is active now, so PATH never holds two of them.
deactivate -NonDestructive

if (-not $VenvDir) {
    $VenvDir = {{VENV_DIR}}
    if ({{RELOCATABLE}}) {
        # Found from this script's own location.
        $VenvDir = Split-Path -Parent (Split-Path -Parent $MyInvocation.MyCommand.Definition)
    }
}
if (-not $Prompt) {
    $Prompt = {{PROMPT}}
}
$BinDir = Join-Path -Path $VenvDir -ChildPath {{BIN_NAME}}

$Env:VIRTUAL_ENV = $VenvDir
$Env:VIRTUAL_ENV_PROMPT = $Prompt

$global:_VIRTUAL_ENV_OLD_PATH = $Env:PATH
$Env:PATH = $BinDir + [System.IO.Path]::PathSeparator + $Env:PATH

if (Test-Path -Path Env:PYTHONHOME) {
    $global:_VIRTUAL_ENV_OLD_PYTHONHOME = $Env:PYTHONHOME
    Remove-Item -Path Env:PYTHONHOME
}

if (-not $Env:VIRTUAL_ENV_DISABLE_PROMPT) {
    Copy-Item -Path Function:prompt -Destination Function:global:_virtual_env_saved_prompt
    # The prompt text is written as data, never evaluated.
    function global:prompt {
        Write-Host -NoNewline -ForegroundColor Green ('(' + $Env:VIRTUAL_ENV_PROMPT + ') ')
        _virtual_env_saved_prompt
    }
}

function global:pydoc {
    python -m pydoc @args
}
