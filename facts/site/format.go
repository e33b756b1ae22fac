package site

import "strings"

// Kinds of value a site.yaml key takes.
type Kind int

const (
	KindObject   Kind = iota // a mapping of the keys in Fields
	KindList                 // a sequence of Item
	KindString               // any string
	KindBool                 // true or false
	KindEnum                 // one of Enum
	KindDuration             // a number and a unit: 90m, 36h, 7d, 2w
	KindServer               // a NetBIOS or DNS computer name
	KindVersion              // the format version: 1
)

// Field describes one key of site.yaml. The tree rooted at Format is the one description of the file's shape:
// the reader takes the keys it accepts and the values it allows from it, and both JSON Schemas (site.yaml's, for
// editors, and the input document's site part, for the Rego type checker) are generated from it, so the three
// cannot drift apart.
type Field struct {
	Key      string
	Kind     Kind
	Doc      string
	Enum     []string // KindEnum; for a list of enums, on Item
	Default  any      // the product default of the KB era, shown in the schema; nil when there is none to show
	Required bool
	Nullable bool // null is accepted and means "use the default" (or "none" for optional values)
	Unique   bool // lists: an entry may appear once
	Pattern  string
	Not      string // a pattern the value must not match
	Ref      string // name of the schema definition this field's object is described under
	Item     *Field // KindList
	Fields   []*Field
	// Input is the key the value has in the input document when it differs (durations become _seconds).
	Input string
	// Derived documents keys the input document adds to this object from what was written (parsed install
	// properties, the form of an account name): key → description.
	Derived map[string]string
	// DerivedEnum gives the values of a derived key that has a fixed set of them.
	DerivedEnum map[string][]string
	// RequiredWhen, on an object, makes a key required when a sibling has a value: {"parent": {"type", "secondary"}}.
	RequiredWhen map[string][2]string
	NonEmpty     bool // strings: the empty string is not accepted
	MinItems     int  // lists: at least this many entries
	// By narrows an enum, and sets its default, by the value of a sibling key: security modes are those of the
	// site's product. Enum is then every value of any product.
	By *By
}

// By ties an enum field to a sibling key whose value decides which of its values apply.
type By struct {
	Key     string              // the sibling key: product
	Enum    map[string][]string // sibling value → the values allowed
	Default map[string]string   // sibling value → the default
}

// Keys are the keys an object field accepts, in the order the format lists them.
func (f *Field) Keys() []string {
	keys := make([]string, 0, len(f.Fields))
	for _, c := range f.Fields {
		keys = append(keys, c.Key)
	}
	return keys
}

// RequiredKeys are the keys an object field must have.
func (f *Field) RequiredKeys() []string {
	var keys []string
	for _, c := range f.Fields {
		if c.Required {
			keys = append(keys, c.Key)
		}
	}
	return keys
}

// Child is the field key of an object field; it panics on a key the format does not have, since callers name
// keys of the format itself.
func (f *Field) Child(key string) *Field {
	for _, c := range f.Fields {
		if c.Key == key {
			return c
		}
	}
	panic("site format: " + f.Key + " has no key " + key)
}

// Lookup follows a dotted path of keys from the root ("sites.client_push.deployment"); lists are stepped
// through to their items.
func Lookup(path string) *Field {
	f := Format
	for _, key := range strings.Split(path, ".") {
		if f.Kind == KindList {
			f = f.Item
		}
		f = f.Child(key)
	}
	if f.Kind == KindList {
		return f.Item
	}
	return f
}

// InputKey is the key the field's value has in the input document.
func (f *Field) InputKey() string {
	if f.Input != "" {
		return f.Input
	}
	return f.Key
}

func discoveryMethod(key string, enabled bool, interval string) *Field {
	f := &Field{Key: key, Kind: KindObject, Nullable: true, Fields: []*Field{
		{Key: "enabled", Kind: KindBool, Default: enabled},
		{Key: "interval", Kind: KindDuration, Input: "interval_seconds", Doc: "How often the method runs."},
	}}
	if interval != "" {
		f.Child("interval").Default = interval
	}
	return f
}

// Format is site.yaml, version 1 (docs/site-yaml.md). Defaults are those of the KB era: heartbeat enabled every
// 7 days, push disabled, standard security, no accounts.
var Format = &Field{Kind: KindObject, Doc: "An SMS 2003 / ConfigMgr 2007 hierarchy as the Administrator console shows it. See docs/site-yaml.md.",
	Fields: []*Field{
		{Key: "version", Kind: KindVersion, Required: true, Doc: "Format version of this file."},
		{Key: "environment", Kind: KindObject, Nullable: true, Ref: "environment", Fields: []*Field{
			{Key: "directory", Kind: KindEnum, Enum: []string{"active_directory", "nt4_domain", "workgroup"}, Default: "active_directory",
				Doc: "What clients authenticate against."},
			{Key: "forest_trusted", Kind: KindBool, Default: true, Doc: "false: clients are in an untrusted forest."},
			{Key: "ad_schema_extended", Kind: KindBool, Default: false, Doc: "ExtADSch.exe ran successfully."},
			{Key: "wins", Kind: KindBool, Default: false, Doc: "A WINS server is available for SLP registration."},
			{Key: "workgroup_clients", Kind: KindBool, Default: false, Doc: "Non-domain systems are in push scope."},
		}},
		{Key: "sites", Kind: KindList, Required: true, MinItems: 1, Item: &Field{Kind: KindObject, Ref: "site",
			RequiredWhen: map[string][2]string{"parent": {"type", "secondary"}},
			Fields: []*Field{
				{Key: "code", Kind: KindString, Required: true, Pattern: "^[A-Za-z0-9]{3}$",
					Not: "^([Aa][Uu][Xx]|[Cc][Oo][Nn]|[Nn][Uu][Ll]|[Pp][Rr][Nn]|[Ss][Mm][Ss])$",
					Doc: "Three letters or digits, unique in the file; AUX, CON, NUL, PRN and SMS are reserved."},
				{Key: "name", Kind: KindString},
				{Key: "type", Kind: KindEnum, Enum: []string{"primary", "secondary"}, Default: "primary"},
				{Key: "parent", Kind: KindString, Nullable: true, Doc: "Parent site code; required for a secondary site."},
				{Key: "product", Kind: KindEnum, Enum: []string{"sms2003", "configmgr2007"}, Default: "sms2003"},
				{Key: "security_mode", Kind: KindEnum, Enum: []string{"standard", "advanced", "mixed", "native"}, Default: "standard",
					Doc: "SMS 2003: standard | advanced security (default standard); ConfigMgr 2007: its site mode, mixed | native (default mixed; advanced is accepted: its security is always advanced).",
					By: &By{Key: "product",
						Enum:    map[string][]string{"sms2003": {"standard", "advanced"}, "configmgr2007": {"mixed", "native", "advanced"}},
						Default: map[string]string{"sms2003": "standard", "configmgr2007": "mixed"}}},
				{Key: "boundaries", Kind: KindList, Nullable: true, Item: &Field{Kind: KindObject, Ref: "boundary", Fields: []*Field{
					{Key: "type", Kind: KindEnum, Required: true, Enum: []string{"ip_subnet", "ip_range", "ad_site", "ipv6_prefix"}},
					{Key: "value", Kind: KindString, Required: true, NonEmpty: true,
						Doc: "10.1.0.0/16 | 10.1.0.1-10.1.0.254 | Default-First-Site-Name | 2001:db8:1::/64"},
				}}},
				{Key: "publish_to_ad", Kind: KindBool, Default: false},
				{Key: "client_push", Kind: KindObject, Nullable: true, Ref: "client_push",
					Derived: map[string]string{
						"properties": "Parsed NAME=value pairs, names upper-cased (SMSSITECODE, FSP, ...).",
						"switches":   "ccmsetup switches such as /mp:SMS01.",
					},
					Fields: []*Field{
						{Key: "enabled", Kind: KindBool, Default: false},
						{Key: "include_only_assigned", Kind: KindBool, Default: false, Doc: "Include only clients assigned to this site."},
						{Key: "system_types", Kind: KindList, Nullable: true, Unique: true, Default: []string{"workstations", "servers"},
							Item: &Field{Kind: KindEnum, Enum: []string{"workstations", "servers", "domain_controllers"}}},
						{Key: "install_properties", Kind: KindString, Nullable: true,
							Doc: "Client.msi properties and ccmsetup switches, e.g. SMSSITECODE=AUTO."},
						{Key: "deployment", Kind: KindEnum, Enum: Deployments, Default: "push",
							Doc: "How the site installs clients: push | capinst (Capinst.exe from a logon script) | both | group_policy | software_update | logon_script | manual. Push is expected only for push and both."},
						{Key: "accounts", Kind: KindList, Nullable: true, Item: &Field{Kind: KindObject, Ref: "account",
							Derived: map[string]string{
								"form":   "DOMAIN\\user, %machinename%\\user, user@domain, .\\user",
								"domain": "The part before the backslash, or after the @.",
								"user":   "The account's user name.",
							},
							DerivedEnum: map[string][]string{"form": accountForms},
							Fields: []*Field{
								{Key: "name", Kind: KindString, Required: true, Pattern: `^(\S+\\\S+|[^@\s]+@\S+)$`,
									Doc: "DOMAIN\\user, %machinename%\\user, .\\user or user@domain"},
								{Key: "state", Kind: KindEnum, Enum: []string{"enabled", "disabled", "locked", "expired"}, Default: "enabled"},
							}}},
					}},
				{Key: "network_access_account", Kind: KindString, Nullable: true, NonEmpty: true},
				{Key: "discovery", Kind: KindObject, Nullable: true, Fields: []*Field{
					discoveryMethod("heartbeat", true, "7d"),
					discoveryMethod("network", false, ""),
					discoveryMethod("ad_system", false, "1d"),
				}},
				{Key: "maintenance", Kind: KindObject, Nullable: true, Fields: []*Field{
					{Key: "clear_install_flag", Kind: KindObject, Nullable: true, Fields: []*Field{
						{Key: "enabled", Kind: KindBool, Default: false},
						{Key: "rediscovery_period", Kind: KindDuration, Input: "rediscovery_period_seconds", Default: "21d"},
					}},
				}},
				{Key: "site_systems", Kind: KindList, Nullable: true, Item: &Field{Kind: KindObject, Fields: []*Field{
					{Key: "server", Kind: KindServer, Required: true},
					{Key: "roles", Kind: KindList, Nullable: true, Unique: true, Item: &Field{Kind: KindEnum, Enum: Roles}},
				}}},
				{Key: "server_locator_point", Kind: KindObject, Nullable: true, Fields: []*Field{
					{Key: "server", Kind: KindServer, Required: true},
					{Key: "registered_in", Kind: KindList, Nullable: true, Unique: true, Item: &Field{Kind: KindEnum, Enum: []string{"ad", "wins"}}},
				}},
			}}},
	}}

// Deployments are the ways a site installs clients (client_push.deployment): Client Push Installation, Capinst.exe
// (SMS 2003's logon-script installer, which finds a server locator point), both, or a way that needs no push:
// Group Policy software installation, a software update (WSUS), another logon script (ccmsetup.exe), or by hand.
var Deployments = []string{"push", "capinst", "both", "group_policy", "software_update", "logon_script", "manual"}

// Roles a site system can hold in SMS 2003 and ConfigMgr 2007.
var Roles = []string{
	"site_server", "site_database_server", "sms_provider", "component_server", "management_point",
	"server_locator_point", "distribution_point", "reporting_point", "fallback_status_point",
	"software_update_point", "state_migration_point", "pxe_service_point", "system_health_validator",
	"branch_distribution_point", "client_access_point",
}

// Account name forms the reader tells apart (classifyAccount).
var accountForms = []string{"domain", "machine_local", "upn", "local"}
