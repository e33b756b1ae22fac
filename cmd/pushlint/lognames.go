package main

import (
	"strings"

	policytree "github.com/pushlint/pushlint"
	"github.com/pushlint/pushlint/facts"
	"github.com/pushlint/pushlint/facts/signatures"
)

// logNames names each kind of log as an administrator does ("Ccm.log", "client.msi.log"), from the kind
// titles of the built-in signatures and the --signatures files; reports say that, not the kind's id. The
// files were read already when the document was built, so they cannot fail here; a kind without a name
// keeps its id.
func logNames(userFiles []string) map[string]string {
	set, err := signatures.ParseFS(policytree.Policies, facts.BuiltinSignatures, "policies/"+facts.BuiltinSignatures)
	if err != nil {
		return nil
	}
	for _, f := range userFiles {
		if user, err := signatures.LoadFile(f); err == nil {
			set.Merge(user)
		}
	}
	return kindNames(set)
}

// kindNames takes a kind's name from its title: "Ccm.log, SMS_CLIENT_CONFIG_MANAGER (site server)" is Ccm.log.
func kindNames(set *signatures.Set) map[string]string {
	out := map[string]string{}
	for _, k := range set.Kinds {
		name, _, _ := strings.Cut(k.Title, ",")
		name, _, _ = strings.Cut(name, " (")
		if name = strings.TrimSpace(name); name != "" {
			out[k.ID] = name
		}
	}
	return out
}
