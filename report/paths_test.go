package report

import "testing"

func TestCIPath(t *testing.T) {
	for _, tc := range []struct {
		base, file, want string
		relative         bool
	}{
		{"/ci/repo", "site.yaml", "site.yaml", true},
		{"/ci/repo", "./logs/ccm.log", "logs/ccm.log", true},
		{"/ci/repo", "/ci/repo/sites/site.yaml", "sites/site.yaml", true},
		{"/ci/repo", "../collected/ccm.log", "/ci/collected/ccm.log", false},
		{"/ci/repo", "/var/logs/ccm.log", "/var/logs/ccm.log", false},
		{"/ci/repo", "/ci/repository/x.log", "/ci/repository/x.log", false},
		{"", "logs/ccm.log", "logs/ccm.log", true},
		{"", "/var/logs/ccm.log", "/var/logs/ccm.log", false},
		{"", "C:/Logs/ccm.log", "C:/Logs/ccm.log", false},
	} {
		got, rel := ciPath(tc.base, tc.file)
		if got != tc.want || rel != tc.relative {
			t.Errorf("ciPath(%q, %q) = %q, %v; want %q, %v", tc.base, tc.file, got, rel, tc.want, tc.relative)
		}
	}
}
