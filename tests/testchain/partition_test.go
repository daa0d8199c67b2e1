package testchain

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A link forwards both ways; cut, it ends the open connections and refuses
// new ones; healed, it forwards again.
func TestLinkCutAndHeal(t *testing.T) {
	echo, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer echo.Close()
	go func() {
		for {
			c, err := echo.Accept()
			if err != nil {
				return
			}
			go func() { _, _ = io.Copy(c, c); _ = c.Close() }()
		}
	}()
	l := newLink(t, FreeBasePort(t, 10), echo.Addr().String())
	defer l.close()

	roundTrip := func(c net.Conn, msg string) (string, error) {
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		if _, err := fmt.Fprintln(c, msg); err != nil {
			return "", err
		}
		return bufio.NewReader(c).ReadString('\n')
	}
	dial := func() net.Conn {
		c, err := net.Dial("tcp", l.addr)
		require.NoError(t, err)
		t.Cleanup(func() { _ = c.Close() })
		return c
	}

	open := dial()
	got, err := roundTrip(open, "before")
	require.NoError(t, err)
	require.Equal(t, "before\n", got)

	l.setCut(true)
	_, err = roundTrip(open, "during")
	require.Error(t, err, "an open connection ends when the link is cut")
	_, err = roundTrip(dial(), "new during")
	require.Error(t, err, "a new connection is refused while cut")

	l.setCut(false)
	got, err = roundTrip(dial(), "after")
	require.NoError(t, err)
	require.Equal(t, "after\n", got)
}
