package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/i18n"
	"hasap/internal/httpx"
	"hasap/ledger"
)

// membersData is the members page: who may do what in the organisation,
// the forms that change it, and a temporary password to hand over, shown
// once, right after it was made.
type membersData struct {
	*page
	Members []app.MemberInfo
	Roles   []auth.Role
	Me      auth.UserID
	Add     addMemberForm
	// Temp is a temporary password just made for TempFor (an email).
	Temp, TempFor string
}

// addMemberForm is the form that adds a member: an existing user by
// email, or, when none has that email, a new user with a name and a
// language.
type addMemberForm struct {
	Email, Role, Name, Lang string
	Create                  bool // no user has the email: ask for name and language
	EmailErr, NameErr       string
}

// members shows the organisation's members to an owner.
func (s *server) members(w http.ResponseWriter, r *http.Request, q *request) {
	s.renderMembers(w, r, q, http.StatusOK, &membersData{Add: addMemberForm{Role: string(auth.Viewer), Lang: q.lang}})
}

// renderMembers shows the members page with d's forms and messages. A role
// that may not manage members gets app's refusal instead.
func (s *server) renderMembers(w http.ResponseWriter, r *http.Request, q *request, status int, d *membersData) {
	ms, err := s.app.MembersToManage(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if d.page == nil {
		d.page = s.newPage(r, q, i18n.T(q.lang, "Members"))
	}
	d.Nav, d.Members, d.Roles, d.Me = "members", ms, auth.Roles, q.actor.User
	s.render(w, r, status, "members", "", d)
}

// memberAdd adds an existing user to the organisation, or creates one with
// a temporary password when the form asks for it (after the email turned
// out to be unknown).
func (s *server) memberAdd(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	v := r.PostForm
	f := addMemberForm{Email: strings.TrimSpace(v.Get("email")), Role: v.Get("role"), Name: strings.TrimSpace(v.Get("name")),
		Lang: v.Get("lang"), Create: v.Get("create") != ""}
	role := auth.Role(f.Role)
	if f.Create {
		temp, err := s.app.CreateMember(r.Context(), q.actor, q.org.Code, f.Email, f.Name, f.Lang, role)
		if err == nil {
			email, _ := app.NormalizeEmail(f.Email)
			s.renderMembers(w, r, q, http.StatusOK, &membersData{Add: addMemberForm{Role: string(auth.Viewer), Lang: q.lang}, Temp: temp, TempFor: email})
			return
		}
		s.addFailed(w, r, q, f, err)
		return
	}
	err := s.app.AddNewMember(r.Context(), q.actor, q.org.Code, f.Email, role)
	if err == nil {
		http.Redirect(w, r, s.newPage(r, q, "").O("/members"), http.StatusSeeOther)
		return
	}
	if ledger.IsCode(err, ledger.ENotFound) && q.role.Can(auth.ManageMembers) {
		// No user has the email: offer to create one.
		f.Create = true
		if f.Lang == "" {
			f.Lang = q.lang
		}
		p := s.newPage(r, q, i18n.T(q.lang, "Members"))
		s.renderMembers(w, r, q, http.StatusUnprocessableEntity, &membersData{page: p, Add: f})
		return
	}
	s.addFailed(w, r, q, f, err)
}

// addFailed shows the add form again with app's message at its field.
func (s *server) addFailed(w http.ResponseWriter, r *http.Request, q *request, f addMemberForm, err error) {
	code := ledger.ErrorCode(err)
	if code == ledger.EInternal || code == ledger.EUnauthorized || !q.role.Can(auth.ManageMembers) {
		s.fail(w, r, q, err)
		return
	}
	msg := i18n.Error(err, q.lang)
	p := s.newPage(r, q, i18n.T(q.lang, "Members"))
	var le *ledger.Error
	errors.As(err, &le) // the format, without the values typed, says which field it is about
	switch {
	case f.Create && le != nil && strings.Contains(le.Format, "name"):
		f.NameErr = msg
	case le != nil && strings.Contains(le.Format, "email") || code == ledger.EConflict || code == ledger.ENotFound:
		f.EmailErr = msg
	default:
		p.Error = msg
	}
	s.renderMembers(w, r, q, httpx.Status(code), &membersData{page: p, Add: f})
}

// memberID reads the {user} of the address; 0 when it is no user id.
func memberID(r *http.Request) auth.UserID {
	id, err := strconv.ParseInt(r.PathValue("user"), 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return auth.UserID(id)
}

// memberRole changes a member's role.
func (s *server) memberRole(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	s.memberDone(w, r, q, s.app.SetRole(r.Context(), q.actor, q.org.Code, memberID(r), auth.Role(r.PostForm.Get("role"))))
}

// memberRemove takes a member out of the organisation.
func (s *server) memberRemove(w http.ResponseWriter, r *http.Request, q *request) {
	s.memberDone(w, r, q, s.app.RemoveMemberID(r.Context(), q.actor, q.org.Code, memberID(r)))
}

// memberResetPassword gives a member a temporary password, shown on this
// response only (not after a redirect: nothing keeps it), and ends their
// sessions.
func (s *server) memberResetPassword(w http.ResponseWriter, r *http.Request, q *request) {
	temp, err := s.app.ResetMemberPassword(r.Context(), q.actor, q.org.Code, memberID(r))
	if err != nil {
		s.memberDone(w, r, q, err)
		return
	}
	d := &membersData{Add: addMemberForm{Role: string(auth.Viewer), Lang: q.lang}, Temp: temp}
	if ms, err := s.app.MembersToManage(r.Context(), q.actor, q.org.Code); err == nil {
		for _, m := range ms {
			if m.User.ID == memberID(r) {
				d.TempFor = m.User.Email
			}
		}
	}
	s.renderMembers(w, r, q, http.StatusOK, d)
}

// membersRequireTOTP turns on or off the rule that owners use two-factor
// authentication.
func (s *server) membersRequireTOTP(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	s.memberDone(w, r, q, s.app.SetRequireTOTP(r.Context(), q.actor, q.org.Code, r.PostForm.Get("require") != ""))
}

// memberDone answers an action of the members page: back to the page when
// it worked, else the page with app's message.
func (s *server) memberDone(w http.ResponseWriter, r *http.Request, q *request, err error) {
	if err == nil {
		http.Redirect(w, r, s.newPage(r, q, "").O("/members"), http.StatusSeeOther)
		return
	}
	code := ledger.ErrorCode(err)
	if code == ledger.EInternal || code == ledger.ENotFound || code == ledger.EUnauthorized || !q.role.Can(auth.ManageMembers) {
		s.fail(w, r, q, err)
		return
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Members"))
	p.Error = i18n.Error(err, q.lang)
	s.renderMembers(w, r, q, httpx.Status(code), &membersData{page: p, Add: addMemberForm{Role: string(auth.Viewer), Lang: q.lang}})
}
