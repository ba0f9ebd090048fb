package meili

import (
	"strings"
	"testing"
)

func TestEncodeKey(t *testing.T) {
	for _, tc := range []struct{ id, key string }{
		{"GB-T-1.1-2020", "GB-T-1_2E1-2020"},
		{"db11_t", "db11_5Ft"},
		{"a b", "a_20b"},
		{"物", "_E7_89_A9"},
		{"_2E", "_5F2E"},
		{"", ""},
	} {
		t.Run(tc.id, func(t *testing.T) {
			if got := encodeKey(tc.id); got != tc.key {
				t.Errorf("encodeKey(%q) = %q, want %q", tc.id, got, tc.key)
			}
			if got, err := decodeKey(tc.key); err != nil || got != tc.id {
				t.Errorf("decodeKey(%q) = %q, %v, want %q", tc.key, got, err, tc.id)
			}
		})
	}
}

func TestEncodeKeyLong(t *testing.T) {
	long := strings.Repeat("标", 200) // 600 bytes, 1800 escaped
	k := encodeKey(long)
	if !strings.HasPrefix(k, hashPrefix) || len(k) != len(hashPrefix)+64 {
		t.Fatalf("encodeKey(long id) = %q, want %s and a SHA-256", k, hashPrefix)
	}
	checkKeyBytes(t, k)
	if encodeKey(long+"x") == k {
		t.Error("two long ids share a key")
	}
	if _, err := decodeKey(k); err == nil {
		t.Error("decodeKey of a hashed key: no error")
	}
}

func TestDecodeKeyRejects(t *testing.T) {
	for _, k := range []string{"a.b", "_2", "_2e", "a_G0", "_"} {
		if got, err := decodeKey(k); err == nil {
			t.Errorf("decodeKey(%q) = %q, want an error", k, got)
		}
	}
}

// FuzzKey checks that keys use only the bytes Meilisearch allows, fit its
// length limit, decode to their id, and differ for different ids.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"GB/T 1.1—2020", "db11_t-1234", "_5F", "物业服务", "\x00\xff", strings.Repeat("_", 200)} {
		f.Add(s, s+".")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ka, kb := encodeKey(a), encodeKey(b)
		checkKeyBytes(t, ka)
		if a != "" && ka == "" {
			t.Fatalf("encodeKey(%q) is empty", a)
		}
		if !strings.HasPrefix(ka, hashPrefix) {
			if got, err := decodeKey(ka); err != nil || got != a {
				t.Fatalf("decodeKey(encodeKey(%q)) = %q, %v", a, got, err)
			}
		}
		if a != b && ka == kb {
			t.Fatalf("%q and %q share the key %q", a, b, ka)
		}
	})
}

func checkKeyBytes(t *testing.T, k string) {
	t.Helper()
	if len(k) > maxKeyBytes {
		t.Fatalf("key of %d bytes, over %d", len(k), maxKeyBytes)
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; !isPlainKeyByte(c) && c != '_' {
			t.Fatalf("key %q holds %q", k, c)
		}
	}
}
