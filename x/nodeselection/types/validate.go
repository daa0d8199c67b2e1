package types

import (
	"net"
	"net/url"
	"strconv"
	"strings"
)

// MaxEndpointLength is the longest endpoint accepted, in bytes.
const MaxEndpointLength = 256

// ValidateEndpoint accepts exactly https://host[:port], at most 256 bytes.
func ValidateEndpoint(endpoint string) error {
	if len(endpoint) > MaxEndpointLength {
		return ErrInvalidEndpoint.Wrapf("endpoint is %d bytes; at most %d allowed", len(endpoint), MaxEndpointLength)
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return ErrInvalidEndpoint.Wrapf("endpoint %q is not a URL; expected https://host[:port]", endpoint)
	}
	if u.Scheme != "https" {
		return ErrInvalidEndpoint.Wrapf("endpoint %q has scheme %q; only https://host[:port] is allowed", endpoint, u.Scheme)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" || (u.Path != "" && u.Path != "/") || strings.Contains(endpoint, "#") || strings.Contains(endpoint, "?") {
		return ErrInvalidEndpoint.Wrapf("endpoint %q must be https://host[:port] with no user, path, query or fragment", endpoint)
	}
	host := u.Hostname()
	if host == "" {
		return ErrInvalidEndpoint.Wrapf("endpoint %q has no host; expected https://host[:port]", endpoint)
	}
	if net.ParseIP(host) == nil && !validHostname(host) {
		return ErrInvalidEndpoint.Wrapf("endpoint %q has an invalid host %q", endpoint, host)
	}
	if p := u.Port(); p != "" || strings.HasSuffix(u.Host, ":") {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return ErrInvalidEndpoint.Wrapf("endpoint %q has port %q; allowed 1-65535", endpoint, p)
		}
	}
	return nil
}

// validHostname checks DNS label syntax: letters, digits and hyphens, labels of
// 1-63 bytes not starting or ending with a hyphen.
func validHostname(host string) bool {
	if len(host) > 253 {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(host, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// ValidateRegion accepts an officially assigned ISO 3166-1 alpha-2 code in upper case.
func ValidateRegion(region string) error {
	if _, ok := RegionName(region); !ok {
		return ErrInvalidRegion.Wrapf("region %q is not an ISO 3166-1 alpha-2 code (two upper-case letters, e.g. SK = Slovakia)", region)
	}
	return nil
}
