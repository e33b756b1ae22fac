package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pushlint/pushlint/engine"
	"github.com/pushlint/pushlint/internal/projectconfig"
)

// projectFlags find and read the project's configuration: .pushlint.yaml in the current folder or a parent up
// to the repository's root, or the file given with --config. A flag given on the command line wins over the
// file.
type projectFlags struct {
	file string
	none bool
	cfg  *projectconfig.Config // nil when there is none
}

func (p *projectFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&p.file, "config", "", "project configuration file (default: .pushlint.yaml in this folder or a parent, up to the repository's root)")
	c.Flags().BoolVar(&p.none, "no-config", false, "read no .pushlint.yaml")
}

// load reads the configuration once; a file given with --config must exist, one looked up may not.
func (p *projectFlags) load() error {
	if p.none {
		if p.file != "" {
			return usageError("--config and --no-config contradict each other; give one")
		}
		return nil
	}
	path := p.file
	if path == "" {
		found, err := projectconfig.Find(".")
		if err != nil {
			return &ExitError{Code: ExitInvalid, Err: err}
		}
		if found == "" {
			return nil
		}
		path = found
	}
	cfg, err := projectconfig.LoadFile(path)
	if err != nil {
		return &ExitError{Code: ExitInvalid, Err: err}
	}
	p.cfg = cfg
	return nil
}

// applyTo gives the policy and input flags the file's settings where the command line did not set them.
func (p *projectFlags) applyTo(c *cobra.Command, pf *policyFlags, in *inputFlags) {
	cfg := p.cfg
	if cfg == nil {
		return
	}
	if pf != nil {
		if !c.Flags().Changed("policy") {
			pf.dirs = append([]string(nil), cfg.Policy...)
		}
		for _, r := range cfg.Rules {
			s := engine.RuleSetting{ID: r.ID, Severity: r.Severity, Reason: r.Reason, Where: r.Location.String()}
			s.Disabled = r.Enabled != nil && !*r.Enabled
			pf.ruleSettings = append(pf.ruleSettings, s)
		}
		for _, prm := range cfg.Params {
			pf.paramSettings = append(pf.paramSettings, engine.ParamSetting{Name: prm.Name, Value: prm.Value, Where: prm.Location.String(),
				NameWhere: prm.KeyLocation.String()})
		}
	}
	if in != nil && in.cmd != nil && !c.Flags().Changed("date-order") && cfg.DateOrder != "" {
		in.dateOrder = cfg.DateOrder
	}
}

// setting returns the configuration's value for a flag the command line left unset.
func (p *projectFlags) setting(c *cobra.Command, flag, fromFile string, dst *string) {
	if p.cfg != nil && fromFile != "" && !c.Flags().Changed(flag) {
		*dst = fromFile
	}
}

// paramFlags turns --param NAME=VALUE flags into settings that come after the file's: a flag wins.
func paramFlags(values []string) ([]engine.ParamSetting, error) {
	var out []engine.ParamSetting
	for _, v := range values {
		name, value, ok := strings.Cut(v, "=")
		if !ok || strings.TrimSpace(name) == "" || strings.TrimSpace(value) == "" {
			return nil, usageError("--param %q: expected NAME=VALUE, such as --param ccr_cycle=2h", v)
		}
		out = append(out, engine.ParamSetting{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value), Where: fmt.Sprintf("--param %s", v)})
	}
	return out, nil
}
