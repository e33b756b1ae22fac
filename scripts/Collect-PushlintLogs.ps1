<#
.SYNOPSIS
    Copies SMS 2003 / ConfigMgr 2007 client push logs into the folder layout pushlint reads.

.DESCRIPTION
    Client mode (-ComputerName) copies each client's logs over its ADMIN$ share into
    <Destination>\<MACHINE>\, one folder per machine, named after it:

        \\PC\ADMIN$\System32\ccmsetup      -> <Destination>\PC\ccmsetup\       (ccmsetup.log, client.msi.log)
        \\PC\ADMIN$\System32\CCM\Logs      -> <Destination>\PC\CCM\Logs\       (CcmExec.log, ...)
        \\PC\ADMIN$\SysWOW64\ccmsetup      -> <Destination>\PC\SysWOW64\ccmsetup\
        \\PC\ADMIN$\SysWOW64\CCM\Logs      -> <Destination>\PC\SysWOW64\CCM\Logs\   (64-bit Windows)

    Site server mode (-SiteServer) copies the site server's logs folder and its CCR inboxes:

        \\SERVER\SMS_<code>\Logs           -> <Destination>\SMS\Logs\          (ccm.log, ccm.lo_, sitecomp.log,
                                                                                hman.log, smsprov.log, mp*.log)
        \\SERVER\SMS_<code>\inboxes\ccr.box, ccr.box\inproc, ccrretry.box
                                           -> <Destination>\SMS\Inboxes\Ccr.box\, Ccr.box\Inproc\, Ccrretry.box\
        \\SERVER\C$\ExtADSch.log           -> <Destination>\SMS\Logs\ExtADSch.log (when it is there)

    Only *.log and *.lo_ files are copied from log folders, and every file of the inbox folders. Nothing is
    written on the clients or the site server: the script reads their shares and writes only below
    -Destination. Copy-Item keeps each file's last-write time, which pushlint reads for the age of a CCR.
    Runs on Windows PowerShell 2.0 and later, as an account that is an administrator of the machines.
    See docs/collect.md.

.PARAMETER ComputerName
    Clients to copy logs from (NetBIOS or DNS names). A client that cannot be reached is reported and skipped.

.PARAMETER SiteServer
    The site server whose logs and inboxes to copy.

.PARAMETER SiteCode
    The site's code: the SMS_<code> share of the site server is its installation folder.

.PARAMETER SmsPath
    The site server's installation folder as a UNC path, when the SMS_<code> share does not reach it
    (for example \\SMS01\D$\SMS). Default: \\<SiteServer>\SMS_<SiteCode>.

.PARAMETER Destination
    Where to write: the clients folder in client mode (one folder per machine is made below it), the
    collection's root in site server mode (SMS\Logs and SMS\Inboxes are made below it).

.EXAMPLE
    .\Collect-PushlintLogs.ps1 -SiteServer SMS01 -SiteCode ABC -Destination C:\collected

.EXAMPLE
    .\Collect-PushlintLogs.ps1 -ComputerName PC01,PC02,PC03 -Destination C:\collected\clients

.EXAMPLE
    Get-Content machines.txt | .\Collect-PushlintLogs.ps1 -Destination C:\collected\clients
#>
[CmdletBinding(DefaultParameterSetName = 'Client')]
param(
    [Parameter(Mandatory = $true, ParameterSetName = 'Client', Position = 0, ValueFromPipeline = $true)]
    [string[]] $ComputerName,

    [Parameter(Mandatory = $true, ParameterSetName = 'SiteServer')]
    [string] $SiteServer,

    [Parameter(Mandatory = $true, ParameterSetName = 'SiteServer')]
    [ValidatePattern('^[A-Za-z0-9]{3}$')]
    [string] $SiteCode,

    [Parameter(ParameterSetName = 'SiteServer')]
    [string] $SmsPath,

    [Parameter(Mandatory = $true)]
    [string] $Destination
)

begin {
    Set-StrictMode -Version 2.0
    $ErrorActionPreference = 'Stop'

    # Copy-Files copies the files of one folder (not its sub-folders) whose names match one of $Patterns
    # into $Target, and returns how many it copied; a folder that does not exist copies nothing.
    function Copy-Files([string] $Source, [string] $Target, [string[]] $Patterns) {
        if (-not (Test-Path -LiteralPath $Source -PathType Container)) {
            Write-Verbose "$Source`: not found"
            return 0
        }
        try {
            $files = @(Get-ChildItem -LiteralPath $Source -Force | Where-Object {
                    $file = $_
                    -not $file.PSIsContainer -and @($Patterns | Where-Object { $file.Name -like $_ }).Count -gt 0
                })
        } catch {
            Write-Warning "$Source`: cannot be listed: $($_.Exception.Message)"
            return 0
        }
        if ($files.Count -eq 0) {
            return 0
        }
        if (-not (Test-Path -LiteralPath $Target)) {
            New-Item -ItemType Directory -Path $Target -Force | Out-Null
        }
        foreach ($file in $files) {
            try {
                Copy-Item -LiteralPath $file.FullName -Destination $Target -Force
            } catch {
                # A log being written is still readable; a file locked or gone is said, and the rest go on.
                Write-Warning "$($file.FullName): not copied: $($_.Exception.Message)"
            }
        }
        return $files.Count
    }

    $logs = @('*.log', '*.lo_')
}

process {
    if ($PSCmdlet.ParameterSetName -eq 'SiteServer') {
        if (-not $SmsPath) {
            $SmsPath = "\\$SiteServer\SMS_$SiteCode"
        }
        if (-not (Test-Path -LiteralPath $SmsPath -PathType Container)) {
            Write-Error "$SmsPath cannot be reached; give the installation folder with -SmsPath (for example \\$SiteServer\D`$\SMS)"
            return
        }
        $logsOut = Join-Path $Destination 'SMS\Logs'
        $n = Copy-Files (Join-Path $SmsPath 'Logs') $logsOut $logs
        $n += Copy-Files "\\$SiteServer\C`$" $logsOut @('ExtADSch.log')
        Write-Host "$SiteServer`: $n logs -> $logsOut"
        $inboxes = Join-Path $SmsPath 'inboxes'
        $inboxesOut = Join-Path $Destination 'SMS\Inboxes'
        foreach ($queue in @('Ccr.box', 'Ccr.box\Inproc', 'Ccrretry.box')) {
            $n = Copy-Files (Join-Path $inboxes $queue) (Join-Path $inboxesOut $queue) @('*')
            Write-Host "$SiteServer`: $n files in $queue"
        }
        return
    }

    foreach ($name in $ComputerName) {
        $machine = $name.Trim().TrimStart('\')
        if (-not $machine) {
            continue
        }
        $admin = "\\$machine\ADMIN`$"
        if (-not (Test-Path -LiteralPath $admin -PathType Container)) {
            # The push hits the same wall: error 53 or 67 when the share cannot be found, 5 when access is denied.
            Write-Warning "$machine`: $admin cannot be reached; no logs copied"
            continue
        }
        $out = Join-Path $Destination $machine
        $n = 0
        foreach ($folder in @('System32\ccmsetup', 'System32\CCM\Logs', 'SysWOW64\ccmsetup', 'SysWOW64\CCM\Logs')) {
            # System32\ccmsetup lands in <MACHINE>\ccmsetup, SysWOW64\... keeps its SysWOW64 folder.
            $n += Copy-Files (Join-Path $admin $folder) (Join-Path $out ($folder -replace '^System32\\', '')) $logs
        }
        if ($n -eq 0) {
            Write-Warning "$machine`: no logs in $admin\System32\ccmsetup, \CCM\Logs or their SysWOW64 twins"
        } else {
            Write-Host "$machine`: $n logs -> $out"
        }
    }
}
