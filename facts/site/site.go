// Package site reads site.yaml, the description of an SMS 2003 / ConfigMgr 2007 hierarchy, strictly, and
// normalizes it: defaults of the KB era filled in, durations in seconds, install properties parsed, and every
// object carrying where it was written so that findings can point back at the line to change.
package site

import "github.com/pushlint/pushlint/internal/strictyaml"

// Location is where a value was written.
type Location = strictyaml.Location

// KeyLocations maps each key written in a YAML mapping to where it was written. Keys left out (defaults) are
// absent, so a finding about a default points at the enclosing object instead.
type KeyLocations map[string]Location

// Description is the whole site.yaml.
type Description struct {
	Version     int         `json:"version"`
	File        string      `json:"file"`
	Environment Environment `json:"environment"`
	Sites       []Site      `json:"sites"`
}

// Environment is what the whole hierarchy runs in; it decides which accounts and lookups clients can use.
type Environment struct {
	Directory        string       `json:"directory"` // active_directory | nt4_domain | workgroup
	ForestTrusted    bool         `json:"forest_trusted"`
	ADSchemaExtended bool         `json:"ad_schema_extended"`
	WINS             bool         `json:"wins"`
	WorkgroupClients bool         `json:"workgroup_clients"`
	Location         Location     `json:"location"`
	KeyLocations     KeyLocations `json:"key_locations"`
}

// Site is one primary or secondary site as the Administrator console shows it.
type Site struct {
	Code                 string              `json:"code"`
	Name                 string              `json:"name"`
	Type                 string              `json:"type"` // primary | secondary
	Parent               *string             `json:"parent"`
	Product              string              `json:"product"`       // sms2003 | configmgr2007
	SecurityMode         string              `json:"security_mode"` // standard | advanced
	Boundaries           []Boundary          `json:"boundaries"`
	PublishToAD          bool                `json:"publish_to_ad"`
	ClientPush           ClientPush          `json:"client_push"`
	NetworkAccessAccount *string             `json:"network_access_account"`
	Discovery            Discovery           `json:"discovery"`
	Maintenance          Maintenance         `json:"maintenance"`
	SiteSystems          []SiteSystem        `json:"site_systems"`
	ServerLocatorPoint   *ServerLocatorPoint `json:"server_locator_point"`
	Location             Location            `json:"location"`
	KeyLocations         KeyLocations        `json:"key_locations"`
}

// Boundary is one entry of a site's boundary list.
type Boundary struct {
	Type     string   `json:"type"` // ip_subnet | ip_range | ad_site | ipv6_prefix
	Value    string   `json:"value"`
	Location Location `json:"location"`
}

// ClientPush is the Client Push Installation Properties dialog.
type ClientPush struct {
	Enabled             bool              `json:"enabled"`
	IncludeOnlyAssigned bool              `json:"include_only_assigned"`
	SystemTypes         []string          `json:"system_types"`
	InstallProperties   string            `json:"install_properties"`
	Properties          map[string]string `json:"properties"` // parsed install_properties, names upper-cased
	Switches            []string          `json:"switches"`   // ccmsetup switches such as /mp:SMS01
	Deployment          string            `json:"deployment"` // push | capinst | both
	Accounts            []Account         `json:"accounts"`
	Location            Location          `json:"location"`
	KeyLocations        KeyLocations      `json:"key_locations"`
}

// Account is one Client Push Installation account.
type Account struct {
	Name     string   `json:"name"`
	State    string   `json:"state"` // enabled | disabled | locked | expired
	Form     string   `json:"form"`  // domain | machine_local | upn | local
	Domain   string   `json:"domain"`
	User     string   `json:"user"`
	Location Location `json:"location"`
}

// Discovery holds the discovery methods pushlint reasons about.
type Discovery struct {
	Heartbeat DiscoveryMethod `json:"heartbeat"`
	Network   DiscoveryMethod `json:"network"`
	ADSystem  DiscoveryMethod `json:"ad_system"`
}

// DiscoveryMethod is one method's Enabled box and polling schedule.
type DiscoveryMethod struct {
	Enabled         bool         `json:"enabled"`
	IntervalSeconds int64        `json:"interval_seconds"` // 0 when the method has no schedule
	Location        Location     `json:"location"`
	KeyLocations    KeyLocations `json:"key_locations"`
}

// Maintenance holds the site maintenance tasks pushlint reasons about.
type Maintenance struct {
	ClearInstallFlag ClearInstallFlag `json:"clear_install_flag"`
}

// ClearInstallFlag is the "Clear Install Flag" task: it clears Client=Yes for clients that have not sent a
// heartbeat within the rediscovery period.
type ClearInstallFlag struct {
	Enabled                  bool         `json:"enabled"`
	RediscoveryPeriodSeconds int64        `json:"rediscovery_period_seconds"`
	Location                 Location     `json:"location"`
	KeyLocations             KeyLocations `json:"key_locations"`
}

// SiteSystem is a server and the roles it holds.
type SiteSystem struct {
	Server   string   `json:"server"`
	Roles    []string `json:"roles"`
	Location Location `json:"location"`
}

// ServerLocatorPoint is where clients find their site when SMSSITECODE=AUTO cannot use Active Directory.
type ServerLocatorPoint struct {
	Server       string       `json:"server"`
	RegisteredIn []string     `json:"registered_in"` // ad, wins
	Location     Location     `json:"location"`
	KeyLocations KeyLocations `json:"key_locations"`
}
