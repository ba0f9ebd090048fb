package meili

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// maxKeyBytes is the longest document identifier Meilisearch accepts.
const maxKeyBytes = 511

// hashPrefix starts the key of an id whose escaped form is too long. No
// escaped form holds "_h": an escape is '_' and two upper-case hex digits.
const hashPrefix = "_h"

const upperHex = "0123456789ABCDEF"

// encodeKey returns the Meilisearch primary key of a Norma id. Meilisearch
// keys allow only [a-zA-Z0-9_-]: those bytes stay as they are except '_',
// and every other byte becomes '_' and its two hex digits ("GB-T-1.1" is
// "GB-T-1_2E1"), a prefix code, so distinct ids have distinct keys. An id
// whose escaped form exceeds 511 bytes is keyed by its SHA-256 instead.
func encodeKey(id string) string {
	var b strings.Builder
	b.Grow(len(id))
	for i := 0; i < len(id); i++ {
		c := id[i]
		if isPlainKeyByte(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('_')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&0x0F])
	}
	if b.Len() > maxKeyBytes {
		sum := sha256.Sum256([]byte(id))
		return hashPrefix + hex.EncodeToString(sum[:])
	}
	return b.String()
}

// decodeKey returns the id an escaped key stands for. A hashed key cannot
// be decoded; the id is stored beside it in the "id" attribute.
func decodeKey(key string) (string, error) {
	if strings.HasPrefix(key, hashPrefix) {
		return "", fmt.Errorf("meili: key %q is a hash and cannot be decoded", key)
	}
	out := make([]byte, 0, len(key))
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == '_' && i+2 < len(key) && isUpperHex(key[i+1]) && isUpperHex(key[i+2]):
			out = append(out, unhex(key[i+1])<<4|unhex(key[i+2]))
			i += 2
		case isPlainKeyByte(c):
			out = append(out, c)
		default:
			return "", fmt.Errorf("meili: %q is not an escaped key (byte %d)", key, i)
		}
	}
	return string(out), nil
}

// isPlainKeyByte reports whether c stands for itself in a key.
func isPlainKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

func isUpperHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' }

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'A' + 10
}
