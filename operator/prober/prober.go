package prober

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"
)

// HeaderOperator carries the probing operator's owner address, so a peer can
// count who asked.
const HeaderOperator = "X-Xmtp-Operator"

// Prober sends health probes over HTTPS with verified TLS.
type Prober struct {
	client *http.Client
	path   string
	self   string
}

// New builds a prober; caFile (PEM) replaces the system roots when set.
func New(caFile, healthPath, self string, timeout time.Duration) (*Prober, error) {
	tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("ca_file %s: %w", caFile, err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("ca_file %s: no PEM certificate in it", caFile)
		}
		tlsCfg.RootCAs = pool
	}
	tr := &http.Transport{TLSClientConfig: tlsCfg, DisableKeepAlives: true, ForceAttemptHTTP2: false}
	return &Prober{client: &http.Client{Transport: tr, Timeout: timeout}, path: healthPath, self: self}, nil
}

// URL is the health URL of an endpoint.
func (p *Prober) URL(endpoint string) string { return strings.TrimRight(endpoint, "/") + p.path }

// Probe reports whether the endpoint answered 2xx within the timeout, and the error if not.
func (p *Prober) Probe(ctx context.Context, endpoint string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.URL(endpoint), nil)
	if err != nil {
		return false, err
	}
	req.Header.Set(HeaderOperator, p.self)
	resp, err := p.client.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return false, fmt.Errorf("status %d", resp.StatusCode)
	}
	return true, nil
}

// Result is the outcome of one probe.
type Result struct {
	Answered bool
	Err      error
}

// Round probes every peer (owner -> endpoint) at once and returns each outcome.
func (p *Prober) Round(ctx context.Context, peers map[string]string) map[string]Result {
	out := make(map[string]Result, len(peers))
	var mu sync.Mutex
	var wg sync.WaitGroup
	for owner, ep := range peers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := p.Probe(ctx, ep)
			mu.Lock()
			out[owner] = Result{Answered: ok, Err: err}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// HTTPClient is the prober's client (same TLS roots), for the work source.
func (p *Prober) HTTPClient() *http.Client { return p.client }
