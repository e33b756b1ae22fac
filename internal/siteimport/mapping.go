package siteimport

import (
	"fmt"
	"net/netip"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Site control classes and items the mapping reads (SMS 2003 and ConfigMgr 2007 SDKs; the research behind
// each is summed up in docs/import.md).
const (
	classSite           = "SMS_Site"
	classSiteDefinition = "SMS_SCI_SiteDefinition"
	classComponent      = "SMS_SCI_Component"
	classConfiguration  = "SMS_SCI_Configuration"
	classClientComp     = "SMS_SCI_ClientComp"
	classClientConfig   = "SMS_SCI_ClientConfig"
	classSQLTask        = "SMS_SCI_SQLTask"
	classSiteAssignment = "SMS_SCI_SiteAssignment"
	classRoaming        = "SMS_SCI_RoamingBoundary"
	classSysResUse      = "SMS_SCI_SysResUse"

	compDDM       = "SMS_DISCOVERY_DATA_MANAGER"
	compCCM       = "SMS_CLIENT_CONFIG_MANAGER"
	compADSystem  = "SMS_AD_SYSTEM_DISCOVERY_AGENT"
	compNetDisc   = "SMS_NETWORK_DISCOVERY"
	itemClientCfg = "Client Properties"
	itemSWDist    = "Software Distribution"
)

// clearInstallFlagTasks are the names the Clear Install Flag task has carried: the SMS 2003 console's name
// and the site control item name later tools read.
var clearInstallFlagTasks = []string{"Clear Undiscovered Clients", "Clear Install Flag"}

// roles maps SMS_SCI_SysResUse RoleName to the site.yaml role. "SMS Site System" is held by every site
// system and says nothing more.
var roles = map[string]string{
	"sms site server":                 "site_server",
	"sms sql server":                  "site_database_server",
	"sms provider":                    "sms_provider",
	"sms component server":            "component_server",
	"sms management point":            "management_point",
	"sms server locator point":        "server_locator_point",
	"sms distribution point":          "distribution_point",
	"sms reporting point":             "reporting_point",
	"sms srs reporting point":         "reporting_point",
	"sms fallback status point":       "fallback_status_point",
	"sms software update point":       "software_update_point",
	"sms state migration point":       "state_migration_point",
	"sms pxe service point":           "pxe_service_point",
	"sms system health validator":     "system_health_validator",
	"sms branch distribution point":   "branch_distribution_point",
	"sms client access point":         "client_access_point",
	"sms site system":                 "",
	"sms device management point":     "",
	"sms amt service point":           "",
	"sms ai update service point":     "",
	"sms multicast service point":     "",
	"sms out of band service point":   "",
	"sms dm enrollment service point": "",
}

// boundaryTypes maps the type strings of SMS_SCI_SiteAssignment (AssignTypes) and SMS_SCI_RoamingBoundary
// (Types) to site.yaml boundary types. The two classes spell them differently ("IP Subnet", "IP Subnets").
var boundaryTypes = map[string]string{
	"ip subnet": "ip_subnet", "ip subnets": "ip_subnet",
	"ip range": "ip_range", "ip ranges": "ip_range",
	"active directory site": "ad_site", "ad site name": "ad_site", "ad site": "ad_site",
	"ipv6 prefix": "ipv6_prefix", "ipv6 prefixes": "ipv6_prefix",
}

var (
	siteCodeRE = regexp.MustCompile(`^[A-Za-z0-9]{3}$`)
	// accountRE is what a push account name looks like; anything else in the account list (an encrypted
	// blob) is not an account and is not written.
	accountRE = regexp.MustCompile(`^([^\\@\s]+\\[^\\\s][^\\]*|[^@\s\\]+@[^@\s\\]+)$`)
)

// Options are what the import needs besides the export.
type Options struct {
	// Schema is what ExtADSch.log says; nil when no log was given.
	Schema *SchemaEvidence
}

// Result is a written site.yaml and what the person running the import should know.
type Result struct {
	YAML  []byte
	Sites []string // site codes, in the order written (each parent before its children)
	TODOs int      // entries marked "TODO: confirm"
	Notes []string // classes the export could not read, items left out
}

type importer struct {
	exp        *Export
	items      []*Item // one instance per site control item (see choose)
	unreadable map[string]string
	notes      []string
}

// Import maps an export to site.yaml. It fails only when the export cannot describe a hierarchy: no site
// definition, a site code SMS would not accept, a site type pushlint does not describe.
func Import(exp *Export, opt Options) (*Result, error) {
	im := &importer{exp: exp, unreadable: map[string]string{}}
	for _, u := range exp.Unreadable {
		im.unreadable[strings.ToLower(u.Class)] = u.Error
		im.notes = append(im.notes, fmt.Sprintf("the export could not read %s: %s", u.Class, oneLine(u.Error)))
	}
	im.items = choose(exp.Items)

	defs := im.all(classSiteDefinition, "", nil)
	if len(defs) == 0 {
		if msg, ok := im.unreadable[strings.ToLower(classSiteDefinition)]; ok {
			return nil, &Error{Position{exp.File, 1, 1}, fmt.Sprintf("the export could not read %s (%s); it is what names the sites, so there is nothing to import", classSiteDefinition, oneLine(msg))}
		}
		return nil, &Error{Position{exp.File, 1, 1}, "the export has no " + classSiteDefinition + " item; there is no site to import"}
	}
	byCode := map[string]*Item{}
	for _, d := range defs {
		code := strings.ToUpper(strings.TrimSpace(d.SiteCode))
		if !siteCodeRE.MatchString(code) {
			return nil, &Error{d.Pos, fmt.Sprintf("%s has site code %q; a site code is 3 letters or digits", classSiteDefinition, d.SiteCode)}
		}
		if d.SiteType == nil || (*d.SiteType != 1 && *d.SiteType != 2) {
			t := "no SiteType"
			if d.SiteType != nil {
				t = fmt.Sprintf("SiteType %d", *d.SiteType)
			}
			return nil, &Error{d.Pos, fmt.Sprintf("site %s: %s has %s; SMS 2003 and ConfigMgr 2007 sites are 1 (secondary) or 2 (primary)", code, classSiteDefinition, t)}
		}
		byCode[code] = d
	}

	var sites []*node
	var codes []string
	for _, code := range hierarchyOrder(byCode) {
		sites = append(sites, im.site(code, byCode[code], byCode))
		codes = append(codes, code)
	}
	env := im.environment(opt.Schema)
	root := []*node{scalar("version", "1", ""), env, {key: "sites", items: sites, list: true}}

	var b strings.Builder
	b.WriteString(im.header())
	todos := 0
	for _, n := range root {
		n.write(&b, 0)
		todos += n.countTODOs()
	}
	return &Result{YAML: []byte(b.String()), Sites: codes, TODOs: todos, Notes: im.notes}, nil
}

func (im *importer) header() string {
	var b strings.Builder
	b.WriteString("# Imported by pushlint import from " + commentText(im.exp.File) + ",\n")
	fmt.Fprintf(&b, "# read from the SMS Provider on %s (%s) at %s, site server local time.\n",
		commentText(orUnknown(im.exp.Computer)), commentText(orUnknown(im.exp.Namespace)), commentText(orUnknown(im.exp.Exported)))
	b.WriteString("# Each value's comment names the site control item and property it came from. A \"TODO: confirm\"\n")
	b.WriteString("# entry is a setting the site control data does not hold: check it, then write the key (docs/import.md).\n")
	b.WriteString("# Until then pushlint uses the default of docs/site-yaml.md for it.\n")
	return b.String()
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "unknown"
	}
	return s
}

func (im *importer) environment(schema *SchemaEvidence) *node {
	env := block("environment", "",
		todo("directory", "active_directory | nt4_domain | workgroup (the site control data does not say what the clients' domains are)"),
		todo("forest_trusted", "true | false (whether clients in other forests are in push scope; not in the site control data)"))
	switch {
	case schema == nil:
		env.children = append(env.children, todo("ad_schema_extended", "true | false (give --extadsch with ExtADSch.log from the root of the system drive of the computer ExtADSch.exe ran on; the schema is an Active Directory fact, not a site setting)"))
	case schema.Extended != nil:
		env.children = append(env.children, scalar("ad_schema_extended", fmt.Sprint(*schema.Extended),
			fmt.Sprintf("%s:%d %q", schema.File, schema.Line, schema.Text)))
	case schema.FirstFailure != "":
		env.children = append(env.children, todo("ad_schema_extended", fmt.Sprintf("true | false (%s has no result line; line %d says %q)", schema.File, schema.FirstFailureLine, schema.FirstFailure)))
		im.notes = append(im.notes, fmt.Sprintf("%s has no line saying whether the schema was extended", schema.File))
	default:
		env.children = append(env.children, todo("ad_schema_extended", fmt.Sprintf("true | false (%s has no line saying whether the schema was extended)", schema.File)))
		im.notes = append(im.notes, fmt.Sprintf("%s has no line saying whether the schema was extended", schema.File))
	}
	env.children = append(env.children,
		todo("wins", "true | false (whether a WINS server is available for server locator point registration; not in the site control data)"),
		todo("workgroup_clients", "true | false (whether computers outside any domain are in push scope; not in the site control data)"))
	for _, c := range env.children {
		if c.todo == "" {
			return env
		}
	}
	// site.yaml's schema wants environment to be a mapping when it is written at all, so with nothing known
	// the block is written commented out.
	env.todo = "none of it is in the site control data; uncomment the block with the values that apply"
	return env
}

func (im *importer) site(code string, def *Item, byCode map[string]*Item) *node {
	src := func(field string) string { return classSiteDefinition + " " + field }
	s := block("", "", scalar("code", code, src("SiteCode")))
	if name := strings.TrimSpace(def.SiteName); name != "" {
		s.children = append(s.children, scalar("name", yamlString(name), src("SiteName")))
	}
	typ := map[int64]string{1: "secondary", 2: "primary"}[*def.SiteType]
	s.children = append(s.children, scalar("type", typ, src(fmt.Sprintf("SiteType=%d", *def.SiteType))))
	parent := strings.ToUpper(strings.TrimSpace(def.ParentSiteCode))
	switch _, known := byCode[parent]; {
	case parent == "":
		s.children = append(s.children, scalar("parent", "null", src("ParentSiteCode is empty")))
	case known:
		s.children = append(s.children, scalar("parent", yamlString(parent), src("ParentSiteCode")))
	case typ == "secondary":
		s.children = append(s.children, scalar("parent", yamlString(parent),
			src("ParentSiteCode")+"; TODO: confirm: "+parent+" is not in this export (export at "+parent+" to describe it)"))
	default:
		s.children = append(s.children, scalar("parent", "null",
			src("ParentSiteCode="+parent)+"; TODO: confirm: "+parent+" is not in this export, so this file describes the hierarchy from "+code+" down (export at the central site to include it)"))
	}
	product := im.product(code)
	s.children = append(s.children, product)
	modes := "standard | advanced"
	if product.value == "configmgr2007" {
		modes = "mixed | native"
	}
	s.children = append(s.children,
		todo("security_mode", modes+" (set in Site Properties; not in the exported site control items)"),
		im.boundaries(code, product.value),
		todo("publish_to_ad", "true | false (Site Properties, Advanced tab: \"Publish this site in Active Directory\"; not in the exported site control items)"),
		im.clientPush(code),
		im.networkAccessAccount(code),
		im.discovery(code),
		im.maintenance(code))
	systems, slp := im.siteSystems(code)
	s.children = append(s.children, systems)
	if slp != "" {
		s.children = append(s.children, todo("server_locator_point", fmt.Sprintf("{ server: %s, registered_in: [ad, wins] } (where %s is registered: Active Directory when the site is published and the schema extended, WINS when an SMS_SLP entry was added with netsh; not in the site control data)", yamlString(slp), slp)))
	}
	return s
}

func (im *importer) product(code string) *node {
	site := im.first(classSite, code, nil)
	if site == nil {
		return todo("product", "sms2003 | configmgr2007 ("+im.missing(classSite, code, "")+")")
	}
	v := strings.TrimSpace(site.Version)
	switch {
	case strings.HasPrefix(v, "2.50.") || v == "2.50":
		return scalar("product", "sms2003", classSite+" Version="+v)
	case strings.HasPrefix(v, "4.00.") || v == "4.00":
		return scalar("product", "configmgr2007", classSite+" Version="+v)
	}
	build := ""
	if site.BuildNumber != nil {
		build = fmt.Sprintf(", BuildNumber=%d", *site.BuildNumber)
	}
	return todo("product", fmt.Sprintf("sms2003 | configmgr2007 (%s Version=%q%s is neither SMS 2003, 2.50, nor ConfigMgr 2007, 4.00)", classSite, v, build))
}

// boundaries come from the site boundaries (SMS_SCI_SiteAssignment): the list Discovery Data Manager assigns
// discovered computers by. The roaming boundaries are only used when there is no site assignment item, as
// in ConfigMgr 2007, where they became the one boundary list.
func (im *importer) boundaries(code, product string) *node {
	if it := im.first(classSiteAssignment, code, nil); it != nil {
		n := list("boundaries", fmt.Sprintf("%s %s: AssignTypes, AssignDetails", classSiteAssignment, it.ItemName))
		for i := 0; i < max(len(it.AssignTypes), len(it.AssignDetails)); i++ {
			n.items = append(n.items, boundary(at(it.AssignTypes, i), at(it.AssignDetails, i), fmt.Sprintf("AssignTypes[%d]", i), fmt.Sprintf("AssignDetails[%d]", i)))
		}
		if roam := im.first(classRoaming, code, nil); roam != nil && len(roam.Details) > 0 {
			im.notes = append(im.notes, fmt.Sprintf("site %s: %d roaming boundaries (%s) are not site boundaries and are not written; site.yaml has no key for them", code, len(roam.Details), classRoaming))
		}
		return n
	}
	if it := im.first(classRoaming, code, nil); it != nil {
		why := "the ConfigMgr 2007 boundary list"
		if product != "configmgr2007" {
			why = "roaming boundaries; TODO: confirm they are the site boundaries (there is no " + classSiteAssignment + " item for this site)"
		}
		n := list("boundaries", fmt.Sprintf("%s %s: Types, Details (%s)", classRoaming, it.ItemName, why))
		for i := 0; i < max(len(it.Types), len(it.Details)); i++ {
			n.items = append(n.items, boundary(at(it.Types, i), at(it.Details, i), fmt.Sprintf("Types[%d]", i), fmt.Sprintf("Details[%d]", i)))
		}
		return n
	}
	return todo("boundaries", "the site's boundaries, e.g. [{ type: ip_subnet, value: 10.1.0.0/16 }] ("+im.missing(classSiteAssignment, code, "")+")")
}

func at(xs []string, i int) string {
	if i < len(xs) {
		return xs[i]
	}
	return ""
}

// boundary maps one boundary entry. SMS keeps an IP subnet boundary as the subnet ID alone; site.yaml wants
// CIDR, so the shortest prefix that the subnet ID fills to an octet boundary is written and marked to
// confirm. pushlint matches subnet boundaries by subnet ID, as SMS does, so the prefix only matters for
// clients whose export has addresses but no subnets.
func boundary(typ, detail, typeField, detailField string) *node {
	src := fmt.Sprintf("%s=%s, %s=%s", typeField, quoteIfNeeded(typ), detailField, quoteIfNeeded(detail))
	kind, ok := boundaryTypes[strings.ToLower(strings.TrimSpace(typ))]
	value := strings.TrimSpace(detail)
	item := func(v, comment string) *node {
		return &node{children: []*node{scalar("type", kind, ""), scalar("value", yamlString(v), comment)}}
	}
	if !ok {
		return todo("", fmt.Sprintf("boundary %s: boundary type %q is not one pushlint knows (ip_subnet | ip_range | ad_site | ipv6_prefix)", src, typ))
	}
	switch kind {
	case "ip_subnet":
		if p, err := netip.ParsePrefix(value); err == nil && p.Addr().Is4() && p.Masked() == p {
			return item(value, src)
		}
		a, err := netip.ParseAddr(value)
		if err != nil || !a.Is4() || a.IsUnspecified() {
			return todo("", fmt.Sprintf("boundary %s: not an IPv4 subnet ID", src))
		}
		bits := subnetPrefix(a)
		return item(fmt.Sprintf("%s/%d", a, bits), fmt.Sprintf("%s; TODO: confirm /%d: SMS keeps only the subnet ID", src, bits))
	case "ip_range":
		lo, hi, found := strings.Cut(value, "-")
		a, err1 := netip.ParseAddr(strings.TrimSpace(lo))
		z, err2 := netip.ParseAddr(strings.TrimSpace(hi))
		if !found || err1 != nil || err2 != nil || !a.Is4() || !z.Is4() || z.Less(a) {
			return todo("", fmt.Sprintf("boundary %s: not an IPv4 range first-last", src))
		}
		return item(a.String()+"-"+z.String(), src)
	case "ipv6_prefix":
		if p, err := netip.ParsePrefix(value); err == nil && p.Addr().Is6() && !p.Addr().Is4In6() {
			return item(p.String(), src)
		}
		return todo("", fmt.Sprintf("boundary %s: the prefix length is not in the site control data; write { type: ipv6_prefix, value: <prefix>/<length> }", src))
	default: // ad_site
		if value == "" {
			return todo("", fmt.Sprintf("boundary %s: empty Active Directory site name", src))
		}
		return item(value, src)
	}
}

// subnetPrefix is the shortest octet-aligned prefix that leaves the subnet ID's last non-zero octet in
// the network part, or the prefix its host bits allow when that octet is the last one (10.1.0.0: 16,
// 10.5.123.0: 24, 10.5.123.128: 25).
func subnetPrefix(a netip.Addr) int {
	o := a.As4()
	last := 3
	for last > 0 && o[last] == 0 {
		last--
	}
	if last < 3 {
		return 8 * (last + 1)
	}
	bits := 32
	for v := o[3]; v&1 == 0; v >>= 1 {
		bits--
	}
	return bits
}

func (im *importer) clientPush(code string) *node {
	cp := block("client_push", "")
	ddm := im.component(code, compDDM)
	if ddm == nil {
		cp.children = append(cp.children,
			todo("enabled", "true | false ("+im.missing(classComponent, code, compDDM)+")"),
			todo("system_types", "[workstations, servers, domain_controllers] ("+im.missing(classComponent, code, compDDM)+")"))
	} else {
		if p, ok := ddm.Prop("SETTINGS"); ok {
			switch v := strings.ToUpper(strings.TrimSpace(p.Value1)); v {
			case "ACTIVE", "INACTIVE":
				cp.children = append(cp.children, scalar("enabled", fmt.Sprint(v == "ACTIVE"), propSource(ddm, p, "Value1", p.Value1)))
			default:
				cp.children = append(cp.children, todo("enabled", fmt.Sprintf("true | false (%s is neither ACTIVE nor INACTIVE)", propSource(ddm, p, "Value1", p.Value1))))
			}
		} else {
			cp.children = append(cp.children, todo("enabled", fmt.Sprintf("true | false (%s has no SETTINGS property)", itemSource(ddm))))
		}
		cp.children = append(cp.children, todo("include_only_assigned", "true | false (\"Include only clients assigned to this site\" is chosen in the Client Push Installation Wizard, not stored in the site control data)"))
		if p, ok := ddm.Prop("FILTERS"); ok && p.Value >= 0 && p.Value <= 7 {
			// FILTERS is a bit mask of what push leaves out: 1 workstations, 2 domain controllers, 4 servers.
			var types []string
			for _, t := range []struct {
				bit  int64
				name string
			}{{1, "workstations"}, {4, "servers"}, {2, "domain_controllers"}} {
				if p.Value&t.bit == 0 {
					types = append(types, t.name)
				}
			}
			cp.children = append(cp.children, scalar("system_types", "["+strings.Join(types, ", ")+"]",
				propSource(ddm, p, "Value", fmt.Sprint(p.Value))+" (bits exclude: 1 workstations, 2 domain controllers, 4 servers)"))
		} else if ok {
			cp.children = append(cp.children, todo("system_types", fmt.Sprintf("[workstations, servers, domain_controllers] (%s has bits other than 1, 2 and 4)", propSource(ddm, p, "Value", fmt.Sprint(p.Value)))))
		} else {
			cp.children = append(cp.children, todo("system_types", fmt.Sprintf("[workstations, servers, domain_controllers] (%s has no FILTERS property)", itemSource(ddm))))
		}
	}

	ccm := im.component(code, compCCM)
	if ccm == nil {
		cp.children = append(cp.children, todo("install_properties", "the Client.msi properties and ccmsetup switches ("+im.missing(classComponent, code, compCCM)+")"))
	} else if p, ok := ccm.Prop("Advanced Client Command Line"); ok {
		field, v := "Value1", p.Value1
		if strings.EqualFold(strings.TrimSpace(p.Value1), "REG_SZ") || (strings.TrimSpace(p.Value1) == "" && p.Value2 != "") {
			field, v = "Value2", p.Value2
		}
		cp.children = append(cp.children, scalar("install_properties", yamlString(strings.TrimSpace(v)), fmt.Sprintf("%s: Advanced Client Command Line %s", itemSource(ccm), field)))
	} else {
		cp.children = append(cp.children, todo("install_properties", fmt.Sprintf("the Client.msi properties and ccmsetup switches (%s has no \"Advanced Client Command Line\" property)", itemSource(ccm))))
	}
	cp.children = append(cp.children, todo("deployment", "push | capinst | both | group_policy | software_update | logon_script | manual (how this site's clients are installed; the site control data only says whether push is enabled)"))
	if ccm == nil {
		cp.children = append(cp.children, todo("accounts", "the Client Push Installation accounts ("+im.missing(classComponent, code, compCCM)+")"))
		return cp
	}
	// The push accounts are the property list Reserved2 of SMS_CLIENT_CONFIG_MANAGER: names only; the
	// passwords are kept elsewhere and are not exported.
	pl, ok := ccm.PropList("Reserved2")
	if !ok {
		cp.children = append(cp.children, todo("accounts", fmt.Sprintf("the Client Push Installation accounts (%s has no property list Reserved2)", itemSource(ccm))))
		return cp
	}
	accounts := list("accounts", fmt.Sprintf("%s: property list Reserved2", itemSource(ccm)))
	seen := map[string]bool{}
	for i, v := range pl.Values {
		name := strings.TrimSpace(v)
		switch {
		case !accountRE.MatchString(name):
			im.notes = append(im.notes, fmt.Sprintf("site %s: Reserved2[%d] of %s does not look like an account name and is not written", code, i, compCCM))
			continue
		case seen[strings.ToLower(name)]:
			continue
		}
		seen[strings.ToLower(name)] = true
		accounts.items = append(accounts.items, &node{children: []*node{
			scalar("name", yamlString(name), fmt.Sprintf("Reserved2[%d]", i)),
			todo("state", "enabled | disabled | locked | expired (look the account up in Active Directory)"),
		}})
	}
	cp.children = append(cp.children, accounts)
	return cp
}

// networkAccessAccount reads the Advanced Client Network Access Account of the Software Distribution
// client agent: one name in SMS 2003 / ConfigMgr 2007, a list in later versions.
func (im *importer) networkAccessAccount(code string) *node {
	it := im.first(classClientComp, code, func(i *Item) bool { return strings.EqualFold(i.ItemName, itemSWDist) })
	if it == nil {
		return todo("network_access_account", "DOMAIN\\user or null ("+im.missing(classClientComp, code, itemSWDist)+")")
	}
	if p, ok := it.Prop("Network Access User Name"); ok {
		field, v := "Value2", strings.TrimSpace(p.Value2)
		if v == "" && !strings.EqualFold(strings.TrimSpace(p.Value1), "REG_SZ") && strings.TrimSpace(p.Value1) != "" {
			field, v = "Value1", strings.TrimSpace(p.Value1)
		}
		if v == "" {
			return scalar("network_access_account", "null", fmt.Sprintf("%s: Network Access User Name is empty", itemSource(it)))
		}
		return scalar("network_access_account", yamlString(v), fmt.Sprintf("%s: Network Access User Name %s", itemSource(it), field))
	}
	if pl, ok := it.PropList("Network Access User Names"); ok {
		if len(pl.Values) == 0 {
			return scalar("network_access_account", "null", fmt.Sprintf("%s: property list Network Access User Names is empty", itemSource(it)))
		}
		c := fmt.Sprintf("%s: property list Network Access User Names[0]", itemSource(it))
		if len(pl.Values) > 1 {
			c += fmt.Sprintf(" (of %d)", len(pl.Values))
		}
		return scalar("network_access_account", yamlString(strings.TrimSpace(pl.Values[0])), c)
	}
	return scalar("network_access_account", "null", fmt.Sprintf("%s has no Network Access User Name property", itemSource(it)))
}

func (im *importer) discovery(code string) *node {
	d := block("discovery", "")

	hb := block("heartbeat", "")
	cfg := im.first(classClientConfig, code, func(i *Item) bool { return strings.EqualFold(i.ItemName, itemClientCfg) })
	if cfg == nil {
		hb.children = append(hb.children, todo("enabled", "true | false ("+im.missing(classClientConfig, code, itemClientCfg)+")"))
	} else {
		if p, ok := cfg.Prop("Enable Heartbeat DDR"); ok && (p.Value == 0 || p.Value == 1) {
			hb.children = append(hb.children, scalar("enabled", fmt.Sprint(p.Value == 1), propSource(cfg, p, "Value", fmt.Sprint(p.Value))))
		} else if ok {
			hb.children = append(hb.children, todo("enabled", fmt.Sprintf("true | false (%s is neither 0 nor 1)", propSource(cfg, p, "Value", fmt.Sprint(p.Value)))))
		} else {
			hb.children = append(hb.children, todo("enabled", fmt.Sprintf("true | false (%s has no Enable Heartbeat DDR property)", itemSource(cfg))))
		}
		if p, ok := cfg.Prop("DDR Refresh Interval"); ok {
			hb.children = append(hb.children, scheduleInterval(cfg, p, "Value2"))
		} else {
			hb.children = append(hb.children, todo("interval", fmt.Sprintf("the Heartbeat Discovery interval (%s has no DDR Refresh Interval property)", itemSource(cfg))))
		}
	}
	d.children = append(d.children, hb)

	net := block("network", "")
	comp := im.component(code, compNetDisc)
	conf := im.first(classConfiguration, code, func(i *Item) bool { return strings.EqualFold(i.ItemName, compNetDisc) })
	var states []string
	var sources []string
	for _, it := range []*Item{comp, conf} {
		if it == nil {
			continue
		}
		p, ok := it.Prop("Discovery Enabled")
		if !ok {
			continue
		}
		v := strings.ToLower(strings.TrimSpace(p.Value1))
		states = append(states, v)
		sources = append(sources, propSource(it, p, "Value1", p.Value1))
	}
	switch {
	case len(states) == 0 && comp == nil && conf == nil:
		net.children = append(net.children, todo("enabled", "true | false ("+im.missing(classComponent, code, compNetDisc)+")"))
	case len(states) == 0:
		net.children = append(net.children, todo("enabled", "true | false (no Discovery Enabled property on "+compNetDisc+")"))
	case !allIn(states, "true", "false"):
		net.children = append(net.children, todo("enabled", fmt.Sprintf("true | false (%s is neither true nor false)", strings.Join(sources, "; "))))
	default:
		// Network Discovery runs only when both the component and the configuration item say so.
		on := !contains(states, "false")
		net.children = append(net.children, scalar("enabled", fmt.Sprint(on), strings.Join(sources, "; ")))
	}
	d.children = append(d.children, net)

	ad := block("ad_system", "")
	if comp := im.component(code, compADSystem); comp == nil {
		ad.children = append(ad.children, todo("enabled", "true | false ("+im.missing(classComponent, code, compADSystem)+")"))
	} else {
		on := false
		if p, ok := comp.Prop("SETTINGS"); ok && allIn([]string{strings.ToUpper(strings.TrimSpace(p.Value1))}, "ACTIVE", "INACTIVE") {
			on = strings.EqualFold(strings.TrimSpace(p.Value1), "ACTIVE")
			ad.children = append(ad.children, scalar("enabled", fmt.Sprint(on), propSource(comp, p, "Value1", p.Value1)))
		} else if ok {
			ad.children = append(ad.children, todo("enabled", fmt.Sprintf("true | false (%s is neither ACTIVE nor INACTIVE)", propSource(comp, p, "Value1", p.Value1))))
		} else {
			ad.children = append(ad.children, todo("enabled", fmt.Sprintf("true | false (%s has no SETTINGS property)", itemSource(comp))))
		}
		if p, ok := comp.Prop("Startup Schedule"); ok && strings.TrimSpace(p.Value1) != "" {
			ad.children = append(ad.children, scheduleInterval(comp, p, "Value1"))
		}
	}
	d.children = append(d.children, ad)
	return d
}

// scheduleInterval writes the interval of the schedule token in the property's field (the other string
// field is tried when that one holds no token).
func scheduleInterval(it *Item, p Prop, field string) *node {
	token := p.Value2
	other, otherValue := "Value1", p.Value1
	if field == "Value1" {
		token, other, otherValue = p.Value1, "Value2", p.Value2
	}
	if len(strings.TrimSpace(token)) != 16 && len(strings.TrimSpace(otherValue)) == 16 {
		field, token = other, otherValue
	}
	src := propSource(it, p, field, token)
	s, err := ParseSchedule(token)
	if err != nil {
		return todo("interval", fmt.Sprintf("the interval (%s: %v)", src, err))
	}
	iv, exact := s.Interval()
	if iv <= 0 {
		return todo("interval", fmt.Sprintf("the interval (%s is %s; site.yaml describes recurring schedules)", src, s))
	}
	what := s.String()
	if !exact {
		what += "; the longest gap between runs"
	}
	return scalar("interval", FormatDuration(iv), fmt.Sprintf("%s (%s, %s)", src, s.Kind, what))
}

func (im *importer) maintenance(code string) *node {
	task := im.first(classSQLTask, code, func(i *Item) bool {
		for _, n := range clearInstallFlagTasks {
			if strings.EqualFold(strings.TrimSpace(i.ItemName), n) || strings.EqualFold(strings.TrimSpace(i.TaskName), n) {
				return true
			}
		}
		return false
	})
	cif := block("clear_install_flag", "")
	if task == nil {
		cif.children = append(cif.children, todo("enabled", "true | false ("+im.missing(classSQLTask, code, clearInstallFlagTasks[0])+")"))
		return block("maintenance", "", cif)
	}
	src := classSQLTask + " " + task.ItemName
	switch {
	case task.On != nil:
		cif.children = append(cif.children, scalar("enabled", fmt.Sprint(*task.On), src+": On"))
	case task.Enabled != nil:
		cif.children = append(cif.children, scalar("enabled", fmt.Sprint(*task.Enabled), src+": Enabled"))
	default:
		cif.children = append(cif.children, todo("enabled", "true | false ("+src+" has neither On nor Enabled)"))
	}
	switch d := task.DeleteOlderThan; {
	case d != nil && *d > 0 && *d <= 36500:
		cif.children = append(cif.children, scalar("rediscovery_period", FormatDuration(time.Duration(*d)*24*time.Hour), fmt.Sprintf("%s: DeleteOlderThan=%d (days)", src, *d)))
	case d != nil:
		cif.children = append(cif.children, todo("rediscovery_period", fmt.Sprintf("the client rediscovery period (%s: DeleteOlderThan=%d is not a number of days)", src, *d)))
	default:
		cif.children = append(cif.children, todo("rediscovery_period", "the client rediscovery period ("+src+" has no DeleteOlderThan)"))
	}
	return block("maintenance", "", cif)
}

// siteSystems groups the site's SMS_SCI_SysResUse items by server, and returns the server holding the
// server locator point role, if any.
func (im *importer) siteSystems(code string) (*node, string) {
	uses := im.all(classSysResUse, code, nil)
	if len(uses) == 0 {
		return todo("site_systems", "the site's servers and roles ("+im.missing(classSysResUse, code, "")+")"), ""
	}
	type system struct {
		server string
		path   string
		roles  []*node
		seen   map[string]bool
	}
	var order []*system
	byServer := map[string]*system{}
	slp := ""
	for _, u := range uses {
		server := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(u.NetworkOSPath), `\`))
		if server == "" {
			im.notes = append(im.notes, fmt.Sprintf("site %s: %s role %q has no NetworkOSPath and is not written", code, classSysResUse, u.RoleName))
			continue
		}
		sys := byServer[strings.ToLower(server)]
		if sys == nil {
			sys = &system{server: server, path: u.NetworkOSPath, seen: map[string]bool{}}
			byServer[strings.ToLower(server)] = sys
			order = append(order, sys)
		}
		role, known := roles[strings.ToLower(strings.TrimSpace(u.RoleName))]
		switch {
		case !known:
			im.notes = append(im.notes, fmt.Sprintf("site %s: role %q of %s has no site.yaml role and is not written", code, u.RoleName, server))
		case role == "" || sys.seen[role]:
		default:
			sys.seen[role] = true
			sys.roles = append(sys.roles, scalar("", role, "RoleName="+quoteIfNeeded(u.RoleName)))
			if role == "server_locator_point" && slp == "" {
				slp = server
			}
		}
	}
	n := list("site_systems", classSysResUse+": NetworkOSPath, RoleName")
	for _, sys := range order {
		n.items = append(n.items, &node{children: []*node{
			scalar("server", yamlString(sys.server), "NetworkOSPath="+quoteIfNeeded(sys.path)),
			{key: "roles", items: sys.roles, list: true},
		}})
	}
	return n, slp
}

// component returns the site's SMS_SCI_Component for a component name; when it runs on several servers,
// the instance on the site server comes first.
func (im *importer) component(code, name string) *Item {
	matches := im.all(classComponent, code, func(i *Item) bool {
		comp, _, _ := strings.Cut(i.ItemName, "|")
		return strings.EqualFold(strings.TrimSpace(comp), name)
	})
	if len(matches) == 0 {
		return nil
	}
	if def := im.first(classSiteDefinition, code, nil); def != nil && def.SiteServerName != "" {
		for _, m := range matches {
			_, server, _ := strings.Cut(m.ItemName, "|")
			if strings.EqualFold(strings.TrimSpace(server), strings.TrimSpace(def.SiteServerName)) {
				return m
			}
		}
	}
	return matches[0]
}

func (im *importer) first(class, code string, match func(*Item) bool) *Item {
	if all := im.all(class, code, match); len(all) > 0 {
		return all[0]
	}
	return nil
}

// all returns the items of a class for a site ("" for every site) that match.
func (im *importer) all(class, code string, match func(*Item) bool) []*Item {
	var out []*Item
	for _, it := range im.items {
		if !strings.EqualFold(it.Class, class) {
			continue
		}
		if code != "" && !strings.EqualFold(strings.TrimSpace(it.SiteCode), code) {
			continue
		}
		if match == nil || match(it) {
			out = append(out, it)
		}
	}
	return out
}

// missing says why an item is not there: the class could not be read, or the site has no such item.
func (im *importer) missing(class, code, item string) string {
	if msg, ok := im.unreadable[strings.ToLower(class)]; ok {
		return fmt.Sprintf("the export could not read %s: %s", class, oneLine(msg))
	}
	if item != "" {
		return fmt.Sprintf("no %s %s item for site %s in the export", class, item, code)
	}
	return fmt.Sprintf("no %s item for site %s in the export", class, code)
}

func itemSource(it *Item) string { return it.Class + " " + it.ItemName }

func propSource(it *Item, p Prop, field, value string) string {
	return fmt.Sprintf("%s: %s %s=%s", itemSource(it), strings.TrimSpace(p.PropertyName), field, quoteIfNeeded(value))
}

// quoteIfNeeded writes a value from the export into a comment: as it is, or in single quotes when it is
// empty or has spaces.
func quoteIfNeeded(s string) string {
	if s == "" || strings.ContainsAny(s, " \t'#") {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func allIn(vs []string, allowed ...string) bool {
	for _, v := range vs {
		if !contains(allowed, v) {
			return false
		}
	}
	return true
}

func contains(vs []string, v string) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// choose keeps one instance of each site control item. The provider can hold an item in more than one
// site control image (FileType); the one the Administrator console reads and writes, 2, is preferred,
// then 1, then the lowest other.
func choose(items []Item) []*Item {
	rank := func(it *Item) int64 {
		switch {
		case it.FileType == nil:
			return 100
		case *it.FileType == 2:
			return -2
		case *it.FileType == 1:
			return -1
		}
		return *it.FileType
	}
	key := func(it *Item) string {
		if strings.EqualFold(it.Class, classSite) {
			return strings.ToLower(it.Class + "|" + it.SiteCode)
		}
		if strings.EqualFold(it.Class, classSysResUse) {
			return strings.ToLower(strings.Join([]string{it.Class, it.SiteCode, it.ItemType, it.ItemName, it.RoleName, it.NetworkOSPath}, "|"))
		}
		return strings.ToLower(strings.Join([]string{it.Class, it.SiteCode, it.ItemType, it.ItemName}, "|"))
	}
	best := map[string]int{}
	var out []*Item
	for i := range items {
		it := &items[i]
		k := key(it)
		if j, ok := best[k]; ok {
			if rank(it) < rank(out[j]) {
				out[j] = it
			}
			continue
		}
		best[k] = len(out)
		out = append(out, it)
	}
	return out
}

// hierarchyOrder lists site codes with every parent before its children, children by code.
func hierarchyOrder(byCode map[string]*Item) []string {
	children := map[string][]string{}
	var roots []string
	for code, d := range byCode {
		parent := strings.ToUpper(strings.TrimSpace(d.ParentSiteCode))
		if _, ok := byCode[parent]; ok && parent != code {
			children[parent] = append(children[parent], code)
		} else {
			roots = append(roots, code)
		}
	}
	var out []string
	seen := map[string]bool{}
	var visit func(string)
	visit = func(code string) {
		if seen[code] {
			return
		}
		seen[code] = true
		out = append(out, code)
		sort.Strings(children[code])
		for _, c := range children[code] {
			visit(c)
		}
	}
	sort.Strings(roots)
	for _, r := range roots {
		visit(r)
	}
	// Sites on a parent loop have no root; they are still written (the loader reports the loop).
	var rest []string
	for code := range byCode {
		if !seen[code] {
			rest = append(rest, code)
		}
	}
	sort.Strings(rest)
	for _, r := range rest {
		visit(r)
	}
	return out
}
