<#
.SYNOPSIS
    Exports the site control settings pushlint reads from the SMS Provider to one JSON file.

.DESCRIPTION
    Run on an SMS 2003 or ConfigMgr 2007 site server (or any computer that can reach its SMS Provider) as a
    user who can read the site in the SMS Administrator console. The script only reads: it runs
    Get-WmiObject queries against root\sms and root\sms\site_<code> and re-reads each instance by its path
    so that lazy properties (Props, PropLists) are filled in. It changes nothing.

    It writes the site control items pushlint maps to site.yaml, each with every property as the provider
    returns it, embedded Props (PropertyName, Value, Value1, Value2) and PropLists (PropertyListName,
    Values) included. A property whose name suggests a secret (password, key, Reserved...) is left out and
    only its name is listed under "withheld". The one exception is the Client Push Installation account
    list (property list Reserved2 of SMS_CLIENT_CONFIG_MANAGER): it holds account names, and only values
    shaped like DOMAIN\user or user@domain are kept. A class that cannot be read is listed under
    "unreadable" with the provider's error, and the export goes on.

    Then, on any computer: pushlint import site-export.json --out site.yaml (docs/import.md).

    Windows PowerShell 2.0 and later; no modules.

.NOTES
    pushlint's tests cannot run this script (they run on Linux, without an SMS Provider); they test the
    importer with exports shaped like the provider's output. Report a site where it fails with the error.

.PARAMETER Path
    The JSON file to write. Default: site-export.json in the current folder.

.PARAMETER ComputerName
    The computer that runs the SMS Provider. Default: this computer.

.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File Export-PushlintSite.ps1 -Path C:\Temp\site-export.json
#>
param(
    [string]$Path = 'site-export.json',
    [string]$ComputerName = '.'
)

$ErrorActionPreference = 'Stop'

# Property names that may hold a secret. Matched against WMI properties, Props and PropLists alike.
$SecretName = '(?i)(pass|pwd|secret|credential|key|reserved)'
$AccountName = '^([^\\@\s]+\\[^\\\s][^\\]*|[^@\s\\]+@[^@\s\\]+)$'

$withheld = New-Object System.Collections.ArrayList
$unreadable = New-Object System.Collections.ArrayList

function ConvertTo-JsonString([string]$s) {
    $b = New-Object System.Text.StringBuilder
    [void]$b.Append('"')
    foreach ($c in $s.ToCharArray()) {
        $n = [int]$c
        if ($c -eq '"') { [void]$b.Append('\"') }
        elseif ($c -eq '\') { [void]$b.Append('\\') }
        elseif ($n -lt 32 -or $n -eq 127 -or $n -eq 0x2028 -or $n -eq 0x2029) { [void]$b.Append(('\u{0:x4}' -f $n)) }
        else { [void]$b.Append($c) }
    }
    [void]$b.Append('"')
    $b.ToString()
}

# ConvertTo-PushlintJson writes $v as JSON: $null, booleans, numbers, strings, arrays, hashtables (keys
# sorted) and WMI objects (every non-system property plus __CLASS).
function ConvertTo-PushlintJson($v, [string]$indent = '') {
    $inner = $indent + '  '
    if ($null -eq $v) { return 'null' }
    if ($v -is [bool]) { if ($v) { return 'true' } else { return 'false' } }
    if ($v -is [string] -or $v -is [char]) { return ConvertTo-JsonString ([string]$v) }
    if ($v -is [byte] -or $v -is [int16] -or $v -is [uint16] -or $v -is [int32] -or $v -is [uint32] -or
        $v -is [int64] -or $v -is [uint64] -or $v -is [sbyte] -or $v -is [double] -or $v -is [single] -or $v -is [decimal]) {
        return ([IFormattable]$v).ToString($null, [System.Globalization.CultureInfo]::InvariantCulture)
    }
    if ($v -is [System.Management.ManagementBaseObject]) {
        $h = @{ '__CLASS' = $v.__CLASS }
        foreach ($p in $v.psbase.Properties) { $h[$p.Name] = $p.Value }
        return ConvertTo-PushlintJson $h $indent
    }
    if ($v -is [System.Collections.IDictionary]) {
        $parts = @()
        foreach ($k in ($v.Keys | Sort-Object)) {
            $parts += $inner + (ConvertTo-JsonString $k) + ': ' + (ConvertTo-PushlintJson $v[$k] $inner)
        }
        if ($parts.Count -eq 0) { return '{}' }
        return "{`n" + ($parts -join ",`n") + "`n$indent}"
    }
    if ($v -is [System.Collections.IEnumerable]) {
        $parts = @()
        foreach ($x in $v) { $parts += $inner + (ConvertTo-PushlintJson $x $inner) }
        if ($parts.Count -eq 0) { return '[]' }
        return "[`n" + ($parts -join ",`n") + "`n$indent]"
    }
    return ConvertTo-JsonString ([string]$v)
}

# ConvertFrom-WmiItem turns one WMI instance into a hashtable without secrets, noting what was withheld.
function ConvertFrom-WmiItem($o) {
    $class = $o.__CLASS
    $item = $o.ItemName
    $h = @{ '__CLASS' = $class }
    foreach ($p in $o.psbase.Properties) {
        if ($p.Name -eq 'Props' -and $null -ne $p.Value) {
            $kept = @()
            foreach ($e in $p.Value) {
                if ($e.PropertyName -match $SecretName) { [void]$withheld.Add(@{ class = $class; item = $item; property = $e.PropertyName }) }
                else { $kept += $e }
            }
            $h['Props'] = $kept
        }
        elseif ($p.Name -eq 'PropLists' -and $null -ne $p.Value) {
            $kept = @()
            foreach ($e in $p.Value) {
                if ($e.PropertyListName -eq 'Reserved2' -and $item -like 'SMS_CLIENT_CONFIG_MANAGER|*') {
                    # The push account names; anything not shaped like an account name is dropped.
                    $names = @($e.Values | Where-Object { $_ -match $AccountName })
                    $kept += @{ '__CLASS' = $e.__CLASS; PropertyListName = $e.PropertyListName; Values = $names }
                }
                elseif ($e.PropertyListName -match $SecretName) { [void]$withheld.Add(@{ class = $class; item = $item; property = $e.PropertyListName }) }
                else { $kept += $e }
            }
            $h['PropLists'] = $kept
        }
        elseif ($p.Name -match $SecretName) { [void]$withheld.Add(@{ class = $class; item = $item; property = $p.Name }) }
        else { $h[$p.Name] = $p.Value }
    }
    $h
}

# Read-Class returns the instances of a class (optionally filtered) as hashtables, or records why not.
function Read-Class([string]$class, [scriptblock]$where = { $true }) {
    $out = @()
    try {
        foreach ($o in (Get-WmiObject -ComputerName $ComputerName -Namespace $ns -Class $class)) {
            if (-not (& $where $o)) { continue }
            $o.psbase.Get()   # re-read by path: fills in lazy properties; nothing is written
            $out += ConvertFrom-WmiItem $o
        }
    }
    catch {
        [void]$unreadable.Add(@{ class = $class; error = $_.Exception.Message })
    }
    $out
}

$provider = Get-WmiObject -ComputerName $ComputerName -Namespace 'root\sms' -Class SMS_ProviderLocation |
    Where-Object { $_.ProviderForLocalSite } | Select-Object -First 1
if ($null -eq $provider) { throw "No SMS Provider for a local site on $ComputerName (root\sms SMS_ProviderLocation)." }
$code = $provider.SiteCode
$ns = "root\sms\site_$code"

# Which instances of each class matter; the rest of the site control data is not read.
$classes = @(
    @('SMS_Site', { $true }),
    @('SMS_SCI_SiteDefinition', { $true }),
    @('SMS_SCI_Component', { param($o) $o.ItemName -like 'SMS_*DISCOVERY*' -or $o.ItemName -like 'SMS_CLIENT_CONFIG_MANAGER|*' }),
    @('SMS_SCI_Configuration', { param($o) $o.ItemName -like '*DISCOVERY*' }),
    @('SMS_SCI_ClientComp', { param($o) $o.ItemName -eq 'Software Distribution' }),
    @('SMS_SCI_ClientConfig', { param($o) $o.ItemName -eq 'Client Properties' }),
    @('SMS_SCI_SQLTask', { param($o) $o.ItemName -like 'Clear*' }),
    @('SMS_SCI_SiteAssignment', { $true }),
    @('SMS_SCI_RoamingBoundary', { $true }),
    @('SMS_SCI_SysResUse', { $true })
)
$items = @()
foreach ($c in $classes) { $items += @(Read-Class $c[0] $c[1]) }

$export = @{
    format         = 'pushlint-site-export'
    format_version = 1
    exported       = (Get-Date -Format s)
    computer       = $provider.Machine
    namespace      = $ns
    site_code      = $code
    items          = $items
    unreadable     = $unreadable
    withheld       = $withheld
}
$json = ConvertTo-PushlintJson $export
$full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
[System.IO.File]::WriteAllText($full, $json + "`n", (New-Object System.Text.UTF8Encoding $false))
Write-Host ("Wrote {0}: {1} items, {2} unreadable classes, {3} properties withheld." -f $full, $items.Count, $unreadable.Count, $withheld.Count)
