package clients

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pushlint/pushlint/facts/machine"
	"github.com/pushlint/pushlint/internal/termsafe"
)

type valueKind int

const (
	kindText valueKind = iota
	kindBool
	kindInt
	kindTime
	kindAddresses
	kindSubnets
	kindIPv6Prefixes
)

// fieldSpec is one normalized field and the column titles that mean it. Titles are compared after
// lower-casing and dropping everything but letters and digits, so "SMS Unique Identifier",
// "SMS_Unique_Identifier0" and "smsUniqueIdentifier" all reach the same entry.
type fieldSpec struct {
	name    string
	kind    valueKind
	aliases []string
}

// fieldTable lists console column titles (SMS 2003 / ConfigMgr 2007 collection and resource views), the
// v_R_System / v_RA_System_* view columns (with their trailing 0), WMI SMS_R_System property names as
// scripts export them, and the obvious hand-written variants.
var fieldTable = []fieldSpec{
	{"name", kindText, []string{"name", "name0", "netbiosname", "netbiosname0", "machinename", "computername", "computer", "systemname", "resourcename", "devicename"}},
	{"smsid", kindText, []string{"smsuniqueidentifier", "smsuniqueidentifier0", "smsid", "smsguid", "guid", "smsclientid", "clientid"}},
	{"resource_id", kindInt, []string{"resourceid", "resourceid0", "itemkey"}},
	{"client", kindBool, []string{"client", "client0", "isclient", "clientinstalled", "installed"}},
	{"assigned", kindBool, []string{"assigned", "assigned0", "isassigned"}},
	{"active", kindBool, []string{"active", "active0", "isactive"}},
	{"obsolete", kindBool, []string{"obsolete", "obsolete0", "isobsolete"}},
	{"site_code", kindText, []string{"sitecode", "assignedsite", "assignedsitecode", "assignedsites", "smsassignedsites", "smsassignedsites0", "siteassignment"}},
	{"client_type", kindText, []string{"clienttype", "clienttype0"}},
	{"client_version", kindText, []string{"clientversion", "clientversion0"}},
	{"last_heartbeat", kindTime, []string{"lastheartbeat", "lastheartbeattime", "heartbeat", "heartbeattime", "agenttime", "lastddr", "lastddrtime", "heartbeatdiscovery", "lastheartbeatdiscovery"}},
	{"last_hardware_scan", kindTime, []string{"lasthardwarescan", "lasthwscan", "lasthardwareinventory", "hardwarescan"}},
	{"ip_addresses", kindAddresses, []string{"ipaddresses", "ipaddresses0", "ipaddress", "ipaddress0", "ip", "ips", "ipv6addresses", "ipv6addresses0"}},
	{"ip_subnets", kindSubnets, []string{"ipsubnets", "ipsubnets0", "ipsubnet", "ipsubnet0", "subnet", "subnets"}},
	{"ipv6_prefixes", kindIPv6Prefixes, []string{"ipv6prefixes", "ipv6prefixes0", "ipv6prefix"}},
	{"ad_site", kindText, []string{"adsitename", "adsitename0", "adsite", "activedirectorysite", "activedirectorysitename"}},
	{"domain", kindText, []string{"domainworkgroup", "domainorworkgroup", "domain", "workgroup", "resourcedomainorworkgr0", "resourcedomainorworkgroup", "resourcedomainorworkgr", "resourcedomainorworkgroup0"}},
	{"operating_system", kindText, []string{"operatingsystem", "operatingsystemnameandversion", "operatingsystemnameand0", "operatingsystemnameand", "os", "osname"}},
}

// The IPv6 address columns of the views feed ip_addresses too: one list of both families, which is what
// boundary checks need.

func (f *fieldSpec) isList() bool {
	return f.kind == kindAddresses || f.kind == kindSubnets || f.kind == kindIPv6Prefixes
}

var fieldByAlias = func() map[string]*fieldSpec {
	m := map[string]*fieldSpec{}
	for i := range fieldTable {
		for _, a := range fieldTable[i].aliases {
			if _, dup := m[a]; dup {
				panic("clients: alias " + a + " listed twice")
			}
			m[a] = &fieldTable[i]
		}
	}
	return m
}()

func normalizeTitle(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func lookupField(title string) *fieldSpec { return fieldByAlias[normalizeTitle(title)] }

// isNull is true for a cell that says nothing: empty, or SQL NULL as SQL Server Management Studio writes
// it into saved results.
func isNull(s string) bool { return s == "" || strings.EqualFold(s, "NULL") }

// setText stores a text cell (already trimmed) into the field; it returns what was wrong with the value.
func (c *Client) setText(f *fieldSpec, s string, lim *limits) error {
	if isNull(s) {
		return nil
	}
	if err := lim.value(s); err != nil {
		return err
	}
	switch f.kind {
	case kindBool:
		b, err := parseBool(s)
		if err != nil {
			return err
		}
		c.setBool(f.name, b)
	case kindInt:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a whole number", termsafe.Capped(s))
		}
		c.ResourceID = &n
	case kindTime:
		if c.deferDate(f.name, s) {
			return nil
		}
		t, err := parseTime(s)
		if err != nil {
			return err
		}
		c.setTime(f.name, t)
	case kindAddresses, kindSubnets, kindIPv6Prefixes:
		items, err := splitList(s)
		if err != nil {
			return err
		}
		if err := lim.listItems(len(items)); err != nil {
			return err
		}
		return c.setList(f, items)
	default:
		c.setString(f.name, s)
	}
	return nil
}

func (c *Client) setString(field, s string) {
	// A copy: the cell is part of its whole row as the reader read it, which would otherwise stay in memory
	// for as long as this one value does.
	s = strings.Clone(s)
	v := s
	switch field {
	case "name":
		c.Name, c.Machine = s, machine.Key(s)
		return
	case "smsid", "site_code":
		v = strings.ToUpper(s)
	case "client_type":
		v = clientType(s)
	}
	p := &v
	switch field {
	case "smsid":
		c.SMSID = p
	case "site_code":
		c.SiteCode = p
	case "client_type":
		c.ClientType = p
	case "client_version":
		c.ClientVersion = p
	case "ad_site":
		c.ADSite = p
	case "domain":
		c.Domain = p
	case "operating_system":
		c.OperatingSystem = p
	}
}

// clientType names the client kind; Client_Type0 in the SMS 2003 views is 1 for the Advanced Client and 0
// for the Legacy Client.
func clientType(s string) string {
	switch strings.ToLower(s) {
	case "1", "advanced", "advanced client":
		return "advanced"
	case "0", "legacy", "legacy client":
		return "legacy"
	}
	return strings.ToLower(s)
}

func (c *Client) setBool(field string, b bool) {
	p := &b
	switch field {
	case "client":
		c.Client = p
	case "assigned":
		c.Assigned = p
	case "active":
		c.Active = p
	case "obsolete":
		c.Obsolete = p
	}
}

func (c *Client) setTime(field string, t time.Time) {
	s, sec := t.UTC().Format(time.RFC3339), t.Unix()
	switch field {
	case "last_heartbeat":
		c.LastHeartbeat, c.LastHeartbeatSeconds = &s, &sec
	case "last_hardware_scan":
		c.LastHardwareScan, c.LastHardwareScanSeconds = &s, &sec
	}
}

func (c *Client) setList(f *fieldSpec, items []string) error {
	for _, item := range items {
		switch f.kind {
		case kindAddresses:
			a, err := netip.ParseAddr(item)
			if err != nil {
				return fmt.Errorf("%q is not an IP address", termsafe.Capped(item))
			}
			c.IPAddresses = appendUnique(c.IPAddresses, a.WithZone("").Unmap().String())
		case kindSubnets:
			s, ok := canonicalPrefix(item, false)
			if !ok {
				return fmt.Errorf("%q is not an IP subnet (a subnet ID such as 10.1.2.0, or 10.1.2.0/24)", termsafe.Capped(item))
			}
			c.IPSubnets = appendUnique(c.IPSubnets, s)
		case kindIPv6Prefixes:
			s, ok := canonicalPrefix(item, true)
			if !ok {
				return fmt.Errorf("%q is not an IPv6 prefix (such as 2001:db8:1:: or 2001:db8:1::/64)", termsafe.Capped(item))
			}
			c.IPv6Prefixes = appendUnique(c.IPv6Prefixes, s)
		}
	}
	return nil
}

// canonicalPrefix accepts a subnet ID as SMS stores it (an address) or a CIDR prefix.
func canonicalPrefix(s string, v6 bool) (string, bool) {
	if p, err := netip.ParsePrefix(s); err == nil && p.Addr().Is6() == v6 {
		return p.String(), true
	}
	if a, err := netip.ParseAddr(s); err == nil && a.Is6() == v6 {
		return a.WithZone("").String(), true
	}
	return "", false
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// splitList splits a multi-valued cell: the console joins values with ", ", scripts with ";" or spaces,
// and WMI tools wrap them in braces.
func splitList(s string) ([]string, error) {
	if s == "System.String[]" || s == "System.Object[]" {
		return nil, fmt.Errorf("%q is what PowerShell's Export-Csv writes for a list; join the values first (for example -join ',') or export JSON", termsafe.Capped(s))
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	items := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == '"'
	})
	return items, nil
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "yes", "y", "true", "1":
		return true, nil
	case "no", "n", "false", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is not Yes, No, True, False, 1 or 0", termsafe.Capped(s))
}

// timeLayouts are the forms dates take in exports: the console's (M/D/YYYY h:mm:ss AM/PM once the file's date
// order is known, dates.go), SQL Server's, and ISO 8601. A time without a zone is taken as UTC: the console shows local time and does
// not say which zone, which is at most a day off, well inside the grace the heartbeat rule allows.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04",
	"2006-01-02",
	"1/2/2006 3:04:05 PM",
	"1/2/2006 3:04 PM",
	"1/2/2006 15:04:05",
	"1/2/2006 15:04",
	"1/2/2006",
}

var (
	dmtfRE     = regexp.MustCompile(`^(\d{14})\.\d{6}([+-])(\d{3})$`)
	msDateRE   = regexp.MustCompile(`^/Date\((-?\d+)([+-]\d{4})?\)/$`)
	lowerAMPMs = strings.NewReplacer(" am", " AM", " pm", " PM")
)

func parseTime(s string) (time.Time, error) {
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, lowerAMPMs.Replace(s)); err == nil {
			return t.UTC(), nil
		}
	}
	if t, ok := parseDotDate(s); ok {
		return t, nil
	}
	// WMI (SMS_R_System through a script): yyyymmddHHMMSS.mmmmmm+UUU, UUU minutes east of UTC.
	if m := dmtfRE.FindStringSubmatch(s); m != nil {
		t, err := time.Parse("20060102150405", m[1])
		if err == nil {
			off, _ := strconv.Atoi(m[3])
			if m[2] == "-" {
				off = -off
			}
			return t.Add(-time.Duration(off) * time.Minute).UTC(), nil
		}
	}
	// ConvertTo-Json in Windows PowerShell writes DateTime as /Date(milliseconds since 1970)/.
	if m := msDateRE.FindStringSubmatch(s); m != nil {
		ms, err := strconv.ParseInt(m[1], 10, 64)
		if err == nil {
			return time.UnixMilli(ms).UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time (expected M/D/YYYY or D/M/YYYY h:mm:ss AM/PM as the console writes it, or ISO 8601 such as 2006-06-06T07:06:31Z)", termsafe.Capped(s))
}
