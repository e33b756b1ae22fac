package site

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"

	"github.com/pushlint/pushlint/internal/strictyaml"
	"github.com/pushlint/pushlint/internal/termsafe"
)

// Defaults of the KB era, used for every key a site.yaml leaves out. They are documented in docs/input.md.
const (
	DefaultHeartbeatInterval = 7 * 86400  // Heartbeat Discovery: every 7 days
	DefaultADSystemInterval  = 1 * 86400  // Active Directory System Discovery: daily
	DefaultRediscoveryPeriod = 21 * 86400 // Clear Install Flag: client rediscovery period 21 days
)

var (
	siteCodeRE   = regexp.MustCompile(`^[A-Za-z0-9]{3}$`)
	reservedCode = map[string]bool{"AUX": true, "CON": true, "NUL": true, "PRN": true, "SMS": true}
	netbiosRE    = regexp.MustCompile(`^[A-Za-z0-9!@#$%^&'()\-_{}~.]{1,15}$`)
	dnsNameRE    = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$`)
)

// LoadFile reads and validates a site.yaml file.
func LoadFile(path string) (*Description, error) {
	data, err := strictyaml.ReadFile(path, "site description", strictyaml.DefaultLimits)
	if err != nil {
		return nil, err
	}
	return Load(path, data)
}

// Load validates data (the content of file) and returns the normalized description. On error it returns
// strictyaml.Errors: every problem, each with file:line:column.
func Load(file string, data []byte) (*Description, error) {
	d, root, err := strictyaml.Start(file, data, `a site description with "version: 1" and "sites:"`)
	if err != nil {
		return nil, err
	}
	desc := decodeDescription(d, root, file)
	validateHierarchy(d, desc)
	if err := d.Err(); err != nil {
		return nil, err
	}
	return desc, nil
}

func decodeDescription(d *strictyaml.Decoder, root *strictyaml.Node, file string) *Description {
	desc := &Description{File: file, Version: 1, Sites: []Site{}}
	m := root.Map("the site description", Format.Keys()...)
	if !m.OK() {
		return desc
	}
	m.Require("the site description", Format.RequiredKeys()...)
	if n := m.Get("version"); n != nil {
		if v, ok := n.Int("version"); ok && v != 1 {
			d.Errorf(n.Loc, "version %d is not supported; this pushlint reads version 1", v)
		}
	}
	desc.Environment = decodeEnvironment(m.Get("environment"), m.Loc)
	if n := m.Get("sites"); n != nil {
		list := n.List("sites")
		if n.IsNull() || (len(list) == 0 && n.IsList()) {
			d.Errorf(n.Loc, "sites is empty; describe at least one site")
		}
		for _, s := range list {
			if d.Full() {
				break
			}
			desc.Sites = append(desc.Sites, decodeSite(d, s))
		}
	}
	return desc
}

func decodeEnvironment(n *strictyaml.Node, parent Location) Environment {
	env := Environment{Directory: "active_directory", ForestTrusted: true, Location: parent, KeyLocations: KeyLocations{}}
	if n == nil || n.IsNull() {
		return env
	}
	m := n.Map("environment", Lookup("environment").Keys()...)
	env.Location = n.Loc
	env.KeyLocations = keyLocations(m)
	if v := m.Get("directory"); v != nil {
		if s, ok := v.Enum("environment.directory", Lookup("environment.directory").Enum...); ok {
			env.Directory = s
		}
	}
	boolKey(m, "forest_trusted", "environment.forest_trusted", &env.ForestTrusted)
	boolKey(m, "ad_schema_extended", "environment.ad_schema_extended", &env.ADSchemaExtended)
	boolKey(m, "wins", "environment.wins", &env.WINS)
	boolKey(m, "workgroup_clients", "environment.workgroup_clients", &env.WorkgroupClients)
	return env
}

func decodeSite(d *strictyaml.Decoder, n *strictyaml.Node) Site {
	s := Site{
		Type: "primary", Product: "sms2003", SecurityMode: "standard", Boundaries: []Boundary{},
		SiteSystems: []SiteSystem{}, Location: n.Loc, KeyLocations: KeyLocations{},
	}
	m := n.Map("site", Lookup("sites").Keys()...)
	s.ClientPush = decodeClientPush(d, nil, n.Loc)
	s.Discovery = decodeDiscovery(nil, n.Loc)
	s.Maintenance = decodeMaintenance(nil, n.Loc)
	if !m.OK() {
		return s
	}
	s.KeyLocations = keyLocations(m)
	m.Require("site", Lookup("sites").RequiredKeys()...)
	if v := m.Get("code"); v != nil {
		if code, ok := v.String("site code"); ok {
			switch {
			case !siteCodeRE.MatchString(code):
				d.Errorf(v.Loc, "site code %q must be exactly 3 letters or digits (e.g. ABC)", code)
			case reservedCode[strings.ToUpper(code)]:
				d.Errorf(v.Loc, "site code %q is reserved by Windows or SMS and cannot be used", code)
			default:
				s.Code = strings.ToUpper(code)
			}
		}
	}
	s.Name = s.Code
	if v := m.Get("name"); v != nil {
		if name, ok := v.String("site name"); ok {
			s.Name = name
		}
	}
	if v := m.Get("type"); v != nil {
		if t, ok := v.Enum("site type", Lookup("sites.type").Enum...); ok {
			s.Type = t
		}
	}
	if v := m.Get("parent"); v != nil && !v.IsNull() {
		if p, ok := v.String("parent"); ok {
			p = strings.ToUpper(p)
			s.Parent = &p
		}
	}
	if v := m.Get("product"); v != nil {
		if p, ok := v.Enum("product", Lookup("sites.product").Enum...); ok {
			s.Product = p
		}
	}
	s.SecurityMode = decodeSecurityMode(d, m, "security_mode", s.Product)
	if v := m.Get("boundaries"); v != nil {
		for _, b := range v.List("boundaries") {
			if bd, ok := decodeBoundary(d, b); ok {
				s.Boundaries = append(s.Boundaries, bd)
			}
		}
	}
	boolKey(m, "publish_to_ad", "publish_to_ad", &s.PublishToAD)
	s.ClientPush = decodeClientPush(d, m.Get("client_push"), n.Loc)
	if v := m.Get("network_access_account"); v != nil && !v.IsNull() {
		if a, ok := v.String("network_access_account"); ok {
			if strings.TrimSpace(a) == "" {
				d.Errorf(v.Loc, "network_access_account is empty; write null when there is none")
			} else {
				s.NetworkAccessAccount = &a
			}
		}
	}
	s.Discovery = decodeDiscovery(m.Get("discovery"), n.Loc)
	s.Maintenance = decodeMaintenance(m.Get("maintenance"), n.Loc)
	if v := m.Get("site_systems"); v != nil {
		for _, sn := range v.List("site_systems") {
			s.SiteSystems = append(s.SiteSystems, decodeSiteSystem(d, sn))
		}
	}
	if v := m.Get("server_locator_point"); v != nil && !v.IsNull() {
		slp := decodeSLP(d, v)
		s.ServerLocatorPoint = &slp
	}
	return s
}

// decodeSecurityMode reads an enum whose values depend on the product (security modes): a value of the other
// product is an error that says so, and a key left out takes that product's default.
func decodeSecurityMode(d *strictyaml.Decoder, m *strictyaml.Map, key, sibling string) string {
	f := Lookup("sites." + key)
	v := m.Get(key)
	if v == nil {
		return f.By.Default[sibling]
	}
	val, ok := v.Enum(key, f.Enum...)
	if !ok {
		return f.By.Default[sibling]
	}
	allowed := f.By.Enum[sibling]
	for _, a := range allowed {
		if a == val {
			return val
		}
	}
	other := "configmgr2007"
	if sibling == other {
		other = "sms2003"
	}
	d.Errorf(v.Loc, "%s %q is %s; %s site runs in %s (or write %s: %s if the site runs %s)",
		key, val, modeNames[other][0], modeNames[sibling][1], modeNames[sibling][2], f.By.Key, other, modeNames[other][3])
	return f.By.Default[sibling]
}

// modeNames name each product's modes in messages: what a value of the other product is, the site, the modes it
// has, and the product itself. ConfigMgr 2007 dropped standard security (an SMS 2003 site moves to advanced
// security before it is upgraded); what it sets is the site mode.
var modeNames = map[string][4]string{
	"sms2003":       {"an SMS 2003 security mode", "an sms2003", "standard or advanced security", "SMS 2003"},
	"configmgr2007": {"a ConfigMgr 2007 site mode", "a configmgr2007", "mixed or native mode (its security is always advanced)", "ConfigMgr 2007"},
}

func decodeBoundary(d *strictyaml.Decoder, n *strictyaml.Node) (Boundary, bool) {
	m := n.Map("boundary", Lookup("sites.boundaries").Keys()...)
	if !m.OK() || !m.Require("boundary", Lookup("sites.boundaries").RequiredKeys()...) {
		return Boundary{}, false
	}
	b := Boundary{Location: n.Loc}
	t, ok1 := m.Get("type").Enum("boundary type", Lookup("sites.boundaries.type").Enum...)
	vn := m.Get("value")
	v, ok2 := vn.String("boundary value")
	if !ok1 || !ok2 {
		return b, false
	}
	b.Type, b.Value = t, strings.TrimSpace(v)
	if msg := checkBoundaryValue(t, b.Value); msg != "" {
		d.Errorf(vn.Loc, "%s", msg)
		return b, false
	}
	return b, true
}

// checkBoundaryValue says what is wrong with a boundary value, or "" when it is well formed.
func checkBoundaryValue(kind, v string) string {
	switch kind {
	case "ip_subnet":
		p, err := netip.ParsePrefix(v)
		if err != nil || !p.Addr().Is4() {
			return fmt.Sprintf("ip_subnet boundary %q must be an IPv4 subnet in CIDR form, e.g. 10.1.0.0/16", termsafe.Capped(v))
		}
		if p.Masked() != p {
			return fmt.Sprintf("ip_subnet boundary %q has host bits set; the subnet ID is %s", termsafe.Capped(v), p.Masked())
		}
	case "ip_range":
		lo, hi, found := strings.Cut(v, "-")
		a, err1 := netip.ParseAddr(strings.TrimSpace(lo))
		b, err2 := netip.ParseAddr(strings.TrimSpace(hi))
		if !found || err1 != nil || err2 != nil || !a.Is4() || !b.Is4() {
			return fmt.Sprintf("ip_range boundary %q must be two IPv4 addresses joined by '-', e.g. 10.1.0.1-10.1.0.254", termsafe.Capped(v))
		}
		if b.Less(a) {
			return fmt.Sprintf("ip_range boundary %q ends before it starts", termsafe.Capped(v))
		}
	case "ipv6_prefix":
		p, err := netip.ParsePrefix(v)
		if err != nil || !p.Addr().Is6() || p.Addr().Is4In6() {
			return fmt.Sprintf("ipv6_prefix boundary %q must be an IPv6 prefix, e.g. 2001:db8:1::/64", termsafe.Capped(v))
		}
	case "ad_site":
		if v == "" || strings.ContainsAny(v, `,;"\/[]:|<>+=?*`) {
			return fmt.Sprintf("ad_site boundary %q is not a valid Active Directory site name", termsafe.Capped(v))
		}
	}
	return ""
}

func decodeClientPush(d *strictyaml.Decoder, n *strictyaml.Node, parent Location) ClientPush {
	cp := ClientPush{
		SystemTypes: []string{"workstations", "servers"}, Properties: map[string]string{}, Switches: []string{},
		Deployment: "push", Accounts: []Account{}, Location: parent, KeyLocations: KeyLocations{},
	}
	if n == nil || n.IsNull() {
		return cp
	}
	m := n.Map("client_push", Lookup("sites.client_push").Keys()...)
	cp.Location = n.Loc
	cp.KeyLocations = keyLocations(m)
	boolKey(m, "enabled", "client_push.enabled", &cp.Enabled)
	boolKey(m, "include_only_assigned", "client_push.include_only_assigned", &cp.IncludeOnlyAssigned)
	if v := m.Get("system_types"); v != nil {
		cp.SystemTypes = []string{}
		seen := map[string]bool{}
		for _, t := range v.List("system_types") {
			st, ok := t.Enum("system type", Lookup("sites.client_push.system_types").Enum...)
			if !ok {
				continue
			}
			if seen[st] {
				d.Errorf(t.Loc, "system type %q is listed twice", st)
				continue
			}
			seen[st] = true
			cp.SystemTypes = append(cp.SystemTypes, st)
		}
	}
	if v := m.Get("install_properties"); v != nil && !v.IsNull() {
		if s, ok := v.String("install_properties"); ok {
			cp.InstallProperties = s
			props, switches, err := ParseInstallProperties(s)
			if err != nil {
				d.Errorf(v.Loc, "install_properties: %v", err)
			} else {
				cp.Properties, cp.Switches = props, switches
			}
		}
	}
	if v := m.Get("deployment"); v != nil {
		if s, ok := v.Enum("deployment", Lookup("sites.client_push.deployment").Enum...); ok {
			cp.Deployment = s
		}
	}
	if v := m.Get("accounts"); v != nil {
		seen := map[string]int{}
		for _, an := range v.List("accounts") {
			a, ok := decodeAccount(d, an)
			if !ok {
				continue
			}
			key := strings.ToLower(a.Name)
			if line, dup := seen[key]; dup {
				d.Errorf(an.Loc, "push account %q is listed twice (first at line %d)", a.Name, line)
				continue
			}
			seen[key] = an.Loc.Line
			cp.Accounts = append(cp.Accounts, a)
		}
	}
	return cp
}

func decodeAccount(d *strictyaml.Decoder, n *strictyaml.Node) (Account, bool) {
	m := n.Map("push account", Lookup("sites.client_push.accounts").Keys()...)
	if !m.OK() || !m.Require("push account", Lookup("sites.client_push.accounts").RequiredKeys()...) {
		return Account{}, false
	}
	a := Account{State: "enabled", Location: n.Loc}
	nn := m.Get("name")
	name, ok := nn.String("account name")
	if !ok {
		return a, false
	}
	a.Name = strings.TrimSpace(name)
	form, domain, user, msg := classifyAccount(a.Name)
	if msg != "" {
		d.Errorf(nn.Loc, "%s", msg)
		return a, false
	}
	a.Form, a.Domain, a.User = form, domain, user
	if v := m.Get("state"); v != nil {
		s, ok := v.Enum("account state", Lookup("sites.client_push.accounts.state").Enum...)
		if !ok {
			return a, false
		}
		a.State = s
	}
	return a, true
}

// classifyAccount tells the form of an account name as the push dialog accepts it: DOMAIN\user,
// %machinename%\user (a local account with the same name on every client), user@dns.domain, or .\user.
func classifyAccount(name string) (form, domain, user, problem string) {
	if name == "" {
		return "", "", "", "account name is empty"
	}
	if dom, u, ok := strings.Cut(name, `\`); ok {
		if u == "" || strings.Contains(u, `\`) {
			return "", "", "", fmt.Sprintf("account %q must be DOMAIN\\user, %%machinename%%\\user or user@domain", termsafe.Capped(name))
		}
		switch {
		case strings.EqualFold(dom, "%machinename%"):
			return "machine_local", dom, u, ""
		case dom == ".":
			return "local", dom, u, ""
		case dom == "":
			return "", "", "", fmt.Sprintf("account %q has an empty domain before the backslash", termsafe.Capped(name))
		}
		return "domain", dom, u, ""
	}
	if u, dom, ok := strings.Cut(name, "@"); ok && u != "" && dom != "" {
		return "upn", dom, u, ""
	}
	return "", "", "", fmt.Sprintf("account %q has no domain: write DOMAIN\\%s, or %%machinename%%\\%s for a local account", termsafe.Capped(name), termsafe.Capped(name), termsafe.Capped(name))
}

func decodeDiscovery(n *strictyaml.Node, parent Location) Discovery {
	disc := Discovery{
		Heartbeat: DiscoveryMethod{Enabled: true, IntervalSeconds: DefaultHeartbeatInterval, Location: parent, KeyLocations: KeyLocations{}},
		Network:   DiscoveryMethod{Location: parent, KeyLocations: KeyLocations{}},
		ADSystem:  DiscoveryMethod{IntervalSeconds: DefaultADSystemInterval, Location: parent, KeyLocations: KeyLocations{}},
	}
	if n == nil || n.IsNull() {
		return disc
	}
	m := n.Map("discovery", Lookup("sites.discovery").Keys()...)
	for _, x := range []struct {
		key    string
		method *DiscoveryMethod
	}{{"heartbeat", &disc.Heartbeat}, {"network", &disc.Network}, {"ad_system", &disc.ADSystem}} {
		x.method.Location = n.Loc
		v := m.Get(x.key)
		if v == nil || v.IsNull() {
			continue
		}
		mm := v.Map("discovery."+x.key, Lookup("sites.discovery."+x.key).Keys()...)
		x.method.Location = v.Loc
		x.method.KeyLocations = keyLocations(mm)
		boolKey(mm, "enabled", "discovery."+x.key+".enabled", &x.method.Enabled)
		if iv := mm.Get("interval"); iv != nil {
			if secs, ok := iv.Duration("discovery." + x.key + ".interval"); ok {
				x.method.IntervalSeconds = secs
			}
		}
	}
	return disc
}

func decodeMaintenance(n *strictyaml.Node, parent Location) Maintenance {
	mt := Maintenance{ClearInstallFlag: ClearInstallFlag{RediscoveryPeriodSeconds: DefaultRediscoveryPeriod, Location: parent, KeyLocations: KeyLocations{}}}
	if n == nil || n.IsNull() {
		return mt
	}
	m := n.Map("maintenance", Lookup("sites.maintenance").Keys()...)
	mt.ClearInstallFlag.Location = n.Loc
	v := m.Get("clear_install_flag")
	if v == nil || v.IsNull() {
		return mt
	}
	cm := v.Map("maintenance.clear_install_flag", Lookup("sites.maintenance.clear_install_flag").Keys()...)
	mt.ClearInstallFlag.Location = v.Loc
	mt.ClearInstallFlag.KeyLocations = keyLocations(cm)
	boolKey(cm, "enabled", "clear_install_flag.enabled", &mt.ClearInstallFlag.Enabled)
	if pv := cm.Get("rediscovery_period"); pv != nil {
		if secs, ok := pv.Duration("clear_install_flag.rediscovery_period"); ok {
			mt.ClearInstallFlag.RediscoveryPeriodSeconds = secs
		}
	}
	return mt
}

func decodeSiteSystem(d *strictyaml.Decoder, n *strictyaml.Node) SiteSystem {
	ss := SiteSystem{Roles: []string{}, Location: n.Loc}
	m := n.Map("site system", Lookup("sites.site_systems").Keys()...)
	if !m.OK() || !m.Require("site system", Lookup("sites.site_systems").RequiredKeys()...) {
		return ss
	}
	sn := m.Get("server")
	if s, ok := sn.String("site system server"); ok {
		ss.Server = s
		checkServerName(d, sn.Loc, s)
	}
	if v := m.Get("roles"); v != nil {
		seen := map[string]bool{}
		for _, r := range v.List("roles") {
			role, ok := r.Enum("role", Lookup("sites.site_systems.roles").Enum...)
			if !ok {
				continue
			}
			if seen[role] {
				d.Errorf(r.Loc, "role %q is listed twice", role)
				continue
			}
			seen[role] = true
			ss.Roles = append(ss.Roles, role)
		}
	}
	return ss
}

func checkServerName(d *strictyaml.Decoder, loc Location, s string) {
	if !netbiosRE.MatchString(s) && !dnsNameRE.MatchString(s) {
		d.Errorf(loc, "server %q is not a valid NetBIOS or DNS computer name", s)
	}
}

func decodeSLP(d *strictyaml.Decoder, n *strictyaml.Node) ServerLocatorPoint {
	slp := ServerLocatorPoint{RegisteredIn: []string{}, Location: n.Loc, KeyLocations: KeyLocations{}}
	m := n.Map("server_locator_point", Lookup("sites.server_locator_point").Keys()...)
	if !m.OK() {
		return slp
	}
	slp.KeyLocations = keyLocations(m)
	m.Require("server_locator_point", Lookup("sites.server_locator_point").RequiredKeys()...)
	if sn := m.Get("server"); sn != nil {
		if s, ok := sn.String("server_locator_point.server"); ok {
			slp.Server = s
			checkServerName(d, sn.Loc, s)
		}
	}
	if v := m.Get("registered_in"); v != nil {
		seen := map[string]bool{}
		for _, r := range v.List("registered_in") {
			where, ok := r.Enum("registered_in", Lookup("sites.server_locator_point.registered_in").Enum...)
			if !ok {
				continue
			}
			if seen[where] {
				d.Errorf(r.Loc, "%q is listed twice in registered_in", where)
				continue
			}
			seen[where] = true
			slp.RegisteredIn = append(slp.RegisteredIn, where)
		}
	}
	return slp
}

// validateHierarchy checks what no single site can: unique codes and a parent chain that SMS accepts.
func validateHierarchy(d *strictyaml.Decoder, desc *Description) {
	byCode := map[string]*Site{}
	for i := range desc.Sites {
		s := &desc.Sites[i]
		if s.Code == "" {
			continue
		}
		if first, dup := byCode[s.Code]; dup {
			d.Errorf(s.KeyLocations.at("code", s.Location), "duplicate site code %q (first defined at line %d)", s.Code, first.Location.Line)
			continue
		}
		byCode[s.Code] = s
	}
	for i := range desc.Sites {
		s := &desc.Sites[i]
		if s.Code == "" {
			continue
		}
		ploc := s.KeyLocations.at("parent", s.Location)
		if s.Parent == nil {
			if s.Type == "secondary" {
				d.Errorf(ploc, "secondary site %s has no parent; a secondary site must name its parent primary site", s.Code)
			}
			continue
		}
		parent, ok := byCode[*s.Parent]
		switch {
		case *s.Parent == s.Code:
			d.Errorf(ploc, "site %s names itself as its parent", s.Code)
		case !ok:
			d.Errorf(ploc, "site %s has parent %q, which is not a site in this file", s.Code, *s.Parent)
		case parent.Type == "secondary":
			d.Errorf(ploc, "site %s has parent %s, which is a secondary site; only primary sites can have child sites", s.Code, parent.Code)
		}
	}
	// A loop of primaries (A's parent B, B's parent A) is not a hierarchy. Each chain is walked once (a
	// chain of thousands of sites must not be walked again from every site on it): a chain that runs into
	// the path being walked closes a loop, and every site on the loop is reported.
	const (
		unvisited = iota
		onPath
		done
	)
	state := map[string]int{}
	inLoop := map[string]bool{}
	for i := range desc.Sites {
		var path []string
		for code := desc.Sites[i].Code; code != "" && state[code] == unvisited; {
			s, ok := byCode[code]
			if !ok {
				break
			}
			state[code] = onPath
			path = append(path, code)
			if s.Parent == nil || *s.Parent == code {
				break // no parent, or its own parent (reported above)
			}
			next := *s.Parent
			if state[next] == onPath {
				for j := len(path) - 1; j >= 0; j-- {
					inLoop[path[j]] = true
					if path[j] == next {
						break
					}
				}
				break
			}
			code = next
		}
		for _, c := range path {
			state[c] = done
		}
	}
	for i := range desc.Sites {
		if s := &desc.Sites[i]; inLoop[s.Code] && byCode[s.Code] == s {
			d.Errorf(s.KeyLocations.at("parent", s.Location), "site %s is its own ancestor (parent chain loops)", s.Code)
		}
	}
}

func (k KeyLocations) at(key string, def Location) Location {
	if l, ok := k[key]; ok {
		return l
	}
	return def
}

func keyLocations(m *strictyaml.Map) KeyLocations {
	out := KeyLocations{}
	for _, k := range m.Keys() {
		out[k] = m.KeyLoc(k)
	}
	return out
}

func boolKey(m *strictyaml.Map, key, what string, dst *bool) {
	if v := m.Get(key); v != nil {
		if b, ok := v.Bool(what); ok {
			*dst = b
		}
	}
}
