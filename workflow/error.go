// Package workflow is Norma's domain: standards, revisions, users, roles, the
// states a standard moves through and the guards on each move, the error
// vocabulary, and the interfaces the domain needs from its adapters.
package workflow

import (
	"errors"
	"fmt"
)

// Error codes. The server maps each to one HTTP status.
const (
	EINVALID      = "invalid"      // a field fails validation (422)
	EMALFORMED    = "malformed"    // the request cannot be parsed (400)
	ENOTFOUND     = "not_found"    // no such thing, or the caller may not know of it (404)
	ECONFLICT     = "conflict"     // the state changed, a guard failed or a value is taken (409)
	EFORBIDDEN    = "forbidden"    // the caller may see it but not do this (403)
	EUNAUTHORIZED = "unauthorized" // no valid credentials (401)
	ETOOMANY      = "too_many"     // slowed down: too many attempts (429)
	ETOOLARGE     = "too_large"    // the payload is over a limit (413)
	EINTERNAL     = "internal"     // a fault of ours (500)
	EUNAVAILABLE  = "unavailable"  // a part is not ready yet (503)
	EFULL         = "storage_full" // the store's disk is full: nothing was written (507)
)

// Error is an error a user may see: a code from the list above, a message in
// plain words and, when one input field is at fault, that field's name.
type Error struct {
	Code    string
	Message string
	Field   string
	// Details carries structured context, such as the latest revision number
	// of a conflict or every unmet condition of a guard.
	Details map[string]any
	// Key names the message in the catalogs (web/locales), whose {name}
	// placeholders Args fill, so that the server shows it in the reader's
	// language; Message is its English for logs and the command line.
	Key  string
	Args Args
}

// Args are the named values of a message key.
type Args = map[string]any

// KeyedError returns an Error with a message key, its arguments and the
// English message.
func KeyedError(code, key string, args Args, format string, fargs ...any) *Error {
	return &Error{Code: code, Key: key, Args: args, Message: fmt.Sprintf(format, fargs...)}
}

// WithKey sets the message key and arguments of e and returns it.
func (e *Error) WithKey(key string, args Args) *Error {
	e.Key, e.Args = key, args
	return e
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an invalid-input Error about one field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first Error in err's chain, internal for
// any other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message a user may read: the Error's own, or
// "internal error" for anything else.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// StorageFull returns the error of a write refused because the store's
// disk is full, with cause, the store's own error, in its chain for the
// log: nothing was written, and the same write succeeds once space returns.
func StorageFull(cause error) error {
	return &fullError{&Error{Code: EFULL, Key: "err.storage_full",
		Message: "the storage is full: nothing was saved; try again once the administrator has freed disk space"}, cause}
}

// fullError is a storage-full Error that keeps the store's error behind it.
type fullError struct {
	err   *Error
	cause error
}

func (e *fullError) Error() string   { return e.err.Error() + ": " + e.cause.Error() }
func (e *fullError) Unwrap() []error { return []error{e.err, e.cause} }

// AsError returns the first Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
