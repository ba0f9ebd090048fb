package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// bindJSON decodes a JSON request body into v. Malformed JSON is malformed,
// a value of the wrong type or invalid UTF-8 is invalid and names its field,
// and an unknown field is invalid too, so that a typo is never ignored.
func bindJSON(c echo.Context, v any) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if mt, _, _ := mime.ParseMediaType(ct); ct != "" && mt != "application/json" {
		return &workflow.Error{Code: workflow.EMALFORMED, Message: "send the request body as application/json"}
	}
	raw, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var he *echo.HTTPError
		if errors.As(err, &he) {
			return &workflow.Error{Code: workflow.ETOOLARGE, Field: "body", Message: "the request body is larger than the limit"}
		}
		return &workflow.Error{Code: workflow.EMALFORMED, Message: "the request body could not be read"}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return &workflow.Error{Code: workflow.EMALFORMED, Message: "the request body is empty; send a JSON object"}
	}
	if !utf8.Valid(raw) {
		return workflow.FieldError(invalidUTF8Field(raw), "not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return &workflow.Error{Code: workflow.EMALFORMED, Message: "the request body holds more than one JSON value"}
	}
	return nil
}

func jsonError(err error) error {
	var we *workflow.Error
	if errors.As(err, &we) {
		return we
	}
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			return &workflow.Error{Code: workflow.EMALFORMED, Message: "the request body must be a JSON object"}
		}
		return workflow.FieldError(field, "%s must be %s, not %s", field, jsonKind(te.Type.Kind().String()), jsonValue(te.Value))
	case errors.As(err, &se):
		return &workflow.Error{Code: workflow.EMALFORMED, Message: "malformed JSON at byte " + itoa(int(se.Offset)) + ": " + se.Error()}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return workflow.FieldError(field, "unknown field %q", field)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &workflow.Error{Code: workflow.EMALFORMED, Message: "malformed JSON: the body ends too early"}
	}
	return &workflow.Error{Code: workflow.EMALFORMED, Message: "malformed JSON: " + err.Error()}
}

// jsonKind words the kind of value a field takes.
func jsonKind(k string) string {
	switch k {
	case "int", "int64", "int32", "uint", "uint64":
		return "a whole number"
	case "float64", "float32":
		return "a number"
	case "slice":
		return "a list"
	case "struct", "map", "ptr":
		return "an object"
	case "bool":
		return "true or false"
	case "string":
		return "a string"
	}
	return "a " + k
}

// jsonValue words the JSON value that was sent.
func jsonValue(v string) string {
	switch {
	case v == "array":
		return "a list"
	case v == "object":
		return "an object"
	case v == "bool":
		return "true or false"
	case strings.HasPrefix(v, "number"):
		return "the number" + strings.TrimPrefix(v, "number")
	}
	return "a " + v
}

// invalidUTF8Field names the JSON key whose value holds the first byte that
// is not UTF-8, or "body" when none can be told.
func invalidUTF8Field(raw []byte) string {
	bad := 0
	for bad < len(raw) {
		r, size := utf8.DecodeRune(raw[bad:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		bad += size
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	key, expectKey, depth := "body", false, 0
	for {
		tok, err := dec.Token()
		if err != nil || int(dec.InputOffset()) > bad {
			return key
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				depth++
				expectKey = depth == 1 && t == '{'
			} else if depth--; depth == 1 {
				expectKey = true
			}
		case string:
			if depth == 1 && expectKey {
				key, expectKey = t, false
			} else if depth == 1 {
				expectKey = true
			}
		default:
			if depth == 1 {
				expectKey = true
			}
		}
	}
}
