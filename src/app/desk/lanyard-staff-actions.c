/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the desk does to a registration, each as a staff.* action: print
 * the badge (checking the person in if they were not), a replacement (a
 * reason asked, the badge version bumped so the old one is refused
 * everywhere), corrections (audited by the store with this device's name),
 * walk-ins (a new ticket code, the badge printed at once), cancel and
 * restore, the certificate (or why there is none), retrying a failed job.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-attendee-field.h"
#include "lanyard-certificate.h"
#include "lanyard-checkin.h"
#include "lanyard-claim.h"
#include "lanyard-document-job.h"
#include "lanyard-document.h"
#include "lanyard-print.h"
#include "lanyard-staff-window-private.h"
#include "lanyard-staff-write.h"
#include "lanyard-store-work.h"

typedef struct {
  const char        *key;
  const char        *label;
  const char        *value;
  const char *const *choices;   /* a drop-down instead of an entry */
  const char *    (*choice_label) (const char *choice); /* what it shows for each, translated */
  const char        *placeholder; /* an entry's grey text: a sensitive value's "on file" */
} FormField;

/* ------------------------------------------------------------------ */
/* Dialogs                                                              */

#define FORM_ROWS_UNSCROLLED 6
#define FORM_MAX_HEIGHT      440

static AdwMessageDialog *
form_dialog_new (LanyardStaffWindow *self,
                 const char         *heading,
                 const char         *body,
                 const char         *ok_id,
                 const char         *ok_label,
                 const FormField    *fields,
                 guint               n_fields)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  GtkWidget *grid = gtk_grid_new ();

  gtk_widget_add_css_class (GTK_WIDGET (dialog), "staff-dialog");
  _lanyard_staff_window_watch_dialog (self, GTK_WINDOW (dialog));
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *label = gtk_label_new (fields[i].label);
      GtkWidget *input;

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      if (fields[i].choices != NULL)
        {
          GtkStringList *labels = gtk_string_list_new (NULL);

          for (guint j = 0; fields[i].choices[j] != NULL; j++)
            gtk_string_list_append (labels, fields[i].choice_label != NULL ? fields[i].choice_label (fields[i].choices[j])
                                                                            : fields[i].choices[j]);
          input = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
          g_object_set_data (G_OBJECT (input), "choices", (gpointer) fields[i].choices);
          /* none chosen for a value not in the list, rather than the first */
          gtk_drop_down_set_selected (GTK_DROP_DOWN (input), GTK_INVALID_LIST_POSITION);
          for (guint j = 0; fields[i].choices[j] != NULL; j++)
            if (g_strcmp0 (fields[i].choices[j], fields[i].value) == 0)
              gtk_drop_down_set_selected (GTK_DROP_DOWN (input), j);
        }
      else
        {
          input = gtk_entry_new ();
          gtk_editable_set_text (GTK_EDITABLE (input), fields[i].value != NULL ? fields[i].value : "");
          if (fields[i].placeholder != NULL)
            gtk_entry_set_placeholder_text (GTK_ENTRY (input), fields[i].placeholder);
          gtk_entry_set_activates_default (GTK_ENTRY (input), TRUE);
          gtk_widget_set_size_request (input, 320, 44);
        }
      gtk_widget_set_name (input, fields[i].key);
      /* a screen reader names the field by the words beside it */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      g_object_set_data (G_OBJECT (dialog), fields[i].key, input);
      g_object_set_data (G_OBJECT (input), "label", label);
      gtk_grid_attach (GTK_GRID (grid), label, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), input, 1, (int) i, 1, 1);
    }
  if (n_fields > FORM_ROWS_UNSCROLLED)
    {
      /* every learner field: more rows than a kiosk screen holds */
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), FORM_MAX_HEIGHT);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
      adw_message_dialog_set_extra_child (dialog, scroller);
    }
  else if (n_fields > 0)
    adw_message_dialog_set_extra_child (dialog, grid);
  else
    g_object_ref_sink (grid), g_object_unref (grid);
  adw_message_dialog_add_responses (dialog, "cancel", _("Cancel"), ok_id, ok_label, NULL);
  adw_message_dialog_set_default_response (dialog, ok_id);
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  return dialog;
}

/* The field's text, stripped; NULL when empty. */
static char *
form_text (AdwMessageDialog *dialog,
           const char       *key)
{
  GtkWidget *input = g_object_get_data (G_OBJECT (dialog), key);
  g_autofree char *text = NULL;

  if (GTK_IS_DROP_DOWN (input))
    {
      const char *const *choices = g_object_get_data (G_OBJECT (input), "choices");
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (input));

      return selected < g_strv_length ((char **) choices) ? g_strdup (choices[selected]) : NULL;
    }
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (input))));
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
tell (LanyardStaffWindow *self,
      const char         *heading,
      const char         *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  gtk_widget_add_css_class (GTK_WIDGET (dialog), "staff-dialog");
  _lanyard_staff_window_watch_dialog (self, GTK_WINDOW (dialog));
  adw_message_dialog_add_response (dialog, "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static LanyardAttendee *
current (LanyardStaffWindow *self)
{
  return self->record != NULL ? self->record->attendee : NULL;
}

/* ------------------------------------------------------------------ */
/* Printing                                                             */

typedef struct {
  LanyardStaffWindow *self;
  gint64              attendee_id;
  LanyardScanKind     kind;
  char               *detail;
  char               *name;
  gpointer            printing;  /* its line in the window's printing bar */
} PrintCall;

static void
print_call_free (PrintCall *call)
{
  _lanyard_staff_window_printing_end (call->self, call->printing);
  g_object_unref (call->self);
  g_free (call->detail);
  g_free (call->name);
  g_free (call);
}

static void
refresh_after_print (LanyardStaffWindow *self,
                     gint64              attendee_id)
{
  /* shown, or on its way to be: read again, with the print in it */
  if (self->record_wanted_id == attendee_id)
    _lanyard_staff_window_open (self, attendee_id);
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "status") == 0)
    _lanyard_staff_window_refresh_status (self);
}

static void write_async (LanyardStaffWindow *self,
                         LanyardStaffWrite  *write);

static void
on_document_printed (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  PrintCall *call = user_data;
  LanyardStaffWindow *self = call->self;
  g_autoptr(LanyardPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean printed;

  if ((printed = lanyard_document_job_finish (res, &job, &error)))
    {
      LanyardStaffWrite *write = lanyard_staff_write_new (LANYARD_STAFF_WRITE_PRINTED, call->attendee_id,
                                                          _lanyard_staff_window_device (self));

      /* in the scan log; the page is read again once it is */
      write->printed = call->kind;
      write->reason = g_strdup (call->detail);
      write_async (self, write);
      text = g_strdup_printf (call->kind == LANYARD_SCAN_CERTIFICATE_PRINTED ? _("Certificate printed for %s")
                                                                               : _("Badge printed for %s"),
                              call->name);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup_printf (_("Not printed for %s: %s. The job is kept: retry it from Status."), call->name,
                            job != NULL && job->error != NULL ? job->error : error->message);
  if (text != NULL && self->toasts != NULL)
    {
      _lanyard_staff_window_toast (self, text);
      /* printed: once its line is written (on_written) */
      if (!printed)
        refresh_after_print (self, call->attendee_id);
    }
  print_call_free (call);
}

static PrintCall *
print_call_new (LanyardStaffWindow    *self,
                const LanyardAttendee *attendee,
                LanyardScanKind        kind,
                const char            *detail,
                const char            *printing)
{
  PrintCall *call = g_new0 (PrintCall, 1);

  call->printing = _lanyard_staff_window_printing_begin (self, printing);
  call->self = g_object_ref (self);
  call->attendee_id = attendee->id;
  call->kind = kind;
  call->detail = g_strdup (detail);
  call->name = lanyard_attendee_dup_display_name (attendee);
  return call;
}

/* Sends @attendee's badge to the printer (its check-in already made). */
static void
start_badge (LanyardStaffWindow    *self,
             const LanyardAttendee *attendee,
             LanyardScanKind        kind,
             const char            *detail)
{
  g_autofree char *name = lanyard_attendee_dup_display_name (attendee);
  g_autofree char *text = g_strdup_printf (_("Printing the badge for %s…"), name);

  lanyard_badge_job_run_async (self->store, self->event, self->keys, attendee, self->config->badge_template,
                               self->config->printer, self->config->print_timeout_seconds, self->cancellable,
                               on_document_printed, print_call_new (self, attendee, kind, detail, text));
}

/* What the desk does once a write is done, by the write's kind. */
static const struct {
  const char      *failed;      /* the heading that says why not */
  const char      *done;        /* a toast once written, or NULL */
  gboolean         badge;       /* the badge printed then, as @badge_kind */
  LanyardScanKind  badge_kind;
} after_write[] = {
  [LANYARD_STAFF_WRITE_REPLACE] = { N_("No replacement made"), NULL, TRUE, LANYARD_SCAN_BADGE_REPRINTED },
  [LANYARD_STAFF_WRITE_CORRECT] = { N_("Not saved"), N_("Saved. Print a replacement for a badge with the old name."),
                                    FALSE, 0 },
  [LANYARD_STAFF_WRITE_WALK_IN] = { N_("Not registered"), NULL, TRUE, LANYARD_SCAN_BADGE_PRINTED },
  [LANYARD_STAFF_WRITE_SET_STATUS] = { N_("Not changed"), NULL, FALSE, 0 },
  [LANYARD_STAFF_WRITE_CANCEL_WAITING] = { N_("Nothing changed"), N_("The waiting badge will not be printed."),
                                           FALSE, 0 },
  [LANYARD_STAFF_WRITE_PRINT_BADGE] = { NULL, NULL, TRUE, LANYARD_SCAN_BADGE_PRINTED },
  [LANYARD_STAFF_WRITE_PRINTED] = { NULL, NULL, FALSE, 0 },
};

/* Said (why not, or done), the page shown read again with the write in it
 * (a walk-in's new page), the badge sent. */
static void
on_written (gpointer      owner,
            gpointer      result,
            const GError *error,
            gpointer      data)
{
  LanyardStaffWindow *self = owner;
  g_autoptr(LanyardAttendee) attendee = result;
  LanyardStaffWrite *write = data;
  gint64 id = attendee != NULL ? attendee->id : write->attendee_id;

  if (error != NULL && after_write[write->kind].failed != NULL)
    tell (self, _(after_write[write->kind].failed), error->message);
  else if (error != NULL)
    g_message ("Desk: %s", error->message);
  else if (after_write[write->kind].done != NULL)
    _lanyard_staff_window_toast (self, _(after_write[write->kind].done));
  if (write->kind == LANYARD_STAFF_WRITE_CANCEL_WAITING || write->kind == LANYARD_STAFF_WRITE_PRINTED)
    refresh_after_print (self, id);
  else if (write->kind != LANYARD_STAFF_WRITE_PRINT_BADGE && id != 0)
    _lanyard_staff_window_open (self, id);
  if (attendee != NULL && after_write[write->kind].badge)
    start_badge (self, attendee, after_write[write->kind].badge_kind, write->reason);
}

/* A write the desk waits on, on a worker (lanyard-staff-write.h), then
 * on_written (). Where a badge is printed after it, the badge handed
 * over checks its owner in as part of the write. */
static void
write_async (LanyardStaffWindow *self,
             LanyardStaffWrite  *write)
{
  if (after_write[write->kind].badge)
    lanyard_staff_write_check_in (write, self->event, self->keys);
  lanyard_store_work_async (self->store, self, lanyard_staff_write_run, (GDestroyNotify) lanyard_attendee_free,
                            on_written, write, (GDestroyNotify) lanyard_staff_write_free, NULL);
}

static LanyardStaffWrite *
write_new (LanyardStaffWindow    *self,
           LanyardStaffWriteKind  kind,
           gint64                 attendee_id)
{
  return lanyard_staff_write_new (kind, attendee_id, _lanyard_staff_window_device (self));
}

static void
print_badge (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (widget);
  LanyardStaffWrite *write;

  if (current (self) == NULL)
    return;
  write = write_new (self, LANYARD_STAFF_WRITE_PRINT_BADGE, current (self)->id);
  write->attendee = lanyard_attendee_copy (current (self));
  write_async (self, write);
}

/* ------------------------------------------------------------------ */
/* Replacement                                                          */

static void
on_replace_response (AdwMessageDialog   *dialog,
                     const char         *response,
                     LanyardStaffWindow *self)
{
  g_autofree char *reason = form_text (dialog, "reason");
  LanyardStaffWrite *write;

  if (g_strcmp0 (response, "replace") != 0 || current (self) == NULL)
    return;
  if (reason == NULL)
    {
      _lanyard_staff_window_toast (self, _("A replacement needs a reason."));
      return;
    }
  write = write_new (self, LANYARD_STAFF_WRITE_REPLACE, current (self)->id);
  write->reason = g_steal_pointer (&reason);
  write_async (self, write);
}

static void
replace_badge (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (widget);
  const FormField fields[] = { { "reason", _("Reason"), NULL, NULL } };
  AdwMessageDialog *dialog;

  if (current (self) == NULL)
    return;
  dialog = form_dialog_new (self, _("Print a replacement badge?"),
                            _("The old badge stops working at every door and kiosk. Why is it replaced "
                              "(lost, damaged, name corrected…)?"),
                            "replace", _("Replace and print"), fields, G_N_ELEMENTS (fields));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Corrections                                                          */

/* Every learner field as a form row, keyed by its lanyardctl option. A
 * sensitive value is not shown: its entry starts empty, saying "on file"
 * or "missing", and what is typed replaces it. */
static FormField *
learner_fields (const LanyardAttendee *a,
                guint                 *n_fields)
{
  const LanyardAttendeeField *fields = lanyard_attendee_fields (n_fields);
  FormField *form = g_new0 (FormField, *n_fields);

  for (guint i = 0; i < *n_fields; i++)
    {
      const char *value = a != NULL ? lanyard_attendee_field_get (a, fields[i].key) : NULL;

      form[i].key = fields[i].option;
      form[i].label = _(fields[i].label);
      if (fields[i].sensitive)
        form[i].placeholder = a != NULL ? lanyard_attendee_field_shown (fields[i].key, value) : NULL;
      else
        form[i].value = value;
      if (fields[i].choices != NULL)
        {
          form[i].choices = fields[i].choices ();
          form[i].choice_label = fields[i].choice_label;
        }
      if (a == NULL && g_str_equal (fields[i].key, "profession"))
        form[i].value = "physician";
    }
  return form;
}

/* The form's values into @a, each checked by the core; FALSE with the
 * first reason. An empty sensitive entry, or a drop-down left without a
 * choice (a profession not in the list), leaves the value as it was. */
static gboolean
take_learner_fields (AdwMessageDialog  *dialog,
                     LanyardAttendee   *a,
                     GError           **error)
{
  guint n_fields;
  const LanyardAttendeeField *fields = lanyard_attendee_fields (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *text = form_text (dialog, fields[i].option);

      if (text == NULL && (fields[i].sensitive || GTK_IS_DROP_DOWN (g_object_get_data (G_OBJECT (dialog),
                                                                                        fields[i].option))))
        continue;
      if (!lanyard_attendee_field_check (fields[i].key, text, error))
        return FALSE;
      lanyard_attendee_field_set (a, fields[i].key, text);
    }
  return TRUE;
}

static void
on_edit_response (AdwMessageDialog   *dialog,
                  const char         *response,
                  LanyardStaffWindow *self)
{
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(GError) error = NULL;
  LanyardStaffWrite *write;

  if (g_strcmp0 (response, "save") != 0 || current (self) == NULL)
    return;
  a = lanyard_attendee_copy (current (self));
  if (!take_learner_fields (dialog, a, &error))
    {
      tell (self, _("Not saved"), error->message);
      return;
    }
  write = write_new (self, LANYARD_STAFF_WRITE_CORRECT, a->id);
  write->attendee = g_steal_pointer (&a);
  write_async (self, write);
}

static void
edit (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (widget);
  const LanyardAttendee *a = current (self);
  g_autofree FormField *fields = NULL;
  AdwMessageDialog *dialog;
  guint n_fields;

  if (a == NULL)
    return;
  fields = learner_fields (a, &n_fields);
  dialog = form_dialog_new (self, _("Correct the registration"),
                            _("Every change is recorded with the old value, the time and this desk."),
                            "save", _("Save"), fields, n_fields);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Walk-ins                                                             */

/* "NABP e-Profile ID, Birth month and day" */
static char *
id_labels (GStrv keys)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    g_strv_builder_add (labels, _(lanyard_attendee_field_find (keys[i])->label));
  list = g_strv_builder_end (labels);
  return g_strjoinv (", ", list);
}

/* The ids the chosen profession's credits need are asked for (their rows
 * shown, the others hidden), and the walk-in is registered once they and
 * a last name are there. */
static void
update_walk_in_form (AdwMessageDialog *dialog)
{
  LanyardStaffWindow *self = g_object_get_data (G_OBJECT (dialog), "window");
  g_autoptr(LanyardAttendee) probe = lanyard_attendee_new ();
  g_auto(GStrv) needed = NULL;
  g_autofree char *last = form_text (dialog, "last-name");
  const char * const *ids = lanyard_attendee_id_fields ();
  gboolean complete = last != NULL;

  probe->profession = form_text (dialog, "profession");
  needed = lanyard_attendee_missing_ids (self->event, probe);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *input = g_object_get_data (G_OBJECT (dialog), lanyard_attendee_field_find (ids[i])->option);
      gboolean asked = g_strv_contains ((const char * const *) needed, ids[i]);

      gtk_widget_set_visible (input, asked);
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (input), "label"), asked);
      if (asked && *gtk_editable_get_text (GTK_EDITABLE (input)) == '\0')
        complete = FALSE;
    }
  adw_message_dialog_set_response_enabled (dialog, "register", complete);
}

static void
on_walk_in_response (AdwMessageDialog   *dialog,
                     const char         *response,
                     LanyardStaffWindow *self)
{
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;
  LanyardStaffWrite *write;

  if (g_strcmp0 (response, "register") != 0)
    return;
  a = lanyard_attendee_new ();
  if (!take_learner_fields (dialog, a, &error))
    {
      tell (self, _("Not registered"), error->message);
      return;
    }
  missing = lanyard_attendee_missing_ids (self->event, a);
  if (missing[0] != NULL)
    {
      g_autofree char *labels = id_labels (missing);
      /* Translators: %s is a profession, then a list of ids with their options */
      g_autofree char *why = g_strdup_printf (_("Credit reporting for this profession (%s) needs: %s."),
                                              lanyard_profession_to_label (a->profession), labels);

      tell (self, _("Not registered"), why);
      return;
    }
  write = write_new (self, LANYARD_STAFF_WRITE_WALK_IN, 0);
  write->attendee = g_steal_pointer (&a);
  write_async (self, write);
}

static void
walk_in (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (widget);
  g_autofree FormField *fields = NULL;
  AdwMessageDialog *dialog;
  guint n_fields;

  fields = learner_fields (NULL, &n_fields);
  dialog = form_dialog_new (self, _("Register a walk-in"),
                            _("They get a new ticket code, and their badge prints at once."),
                            "register", _("Register and print"), fields, n_fields);
  g_object_set_data (G_OBJECT (dialog), "window", self);
  for (guint i = 0; i < n_fields; i++)
    {
      GObject *input = g_object_get_data (G_OBJECT (dialog), fields[i].key);

      g_signal_connect_object (input, GTK_IS_DROP_DOWN (input) ? "notify::selected" : "changed",
                               G_CALLBACK (update_walk_in_form), dialog, G_CONNECT_SWAPPED);
    }
  update_walk_in_form (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_walk_in_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Cancel, restore                                                      */

static void
set_status (LanyardStaffWindow *self,
            LanyardStatus       status)
{
  LanyardStaffWrite *write = write_new (self, LANYARD_STAFF_WRITE_SET_STATUS, current (self)->id);

  write->status = status;
  write_async (self, write);
}

static void
on_cancel_response (AdwMessageDialog   *dialog,
                    const char         *response,
                    LanyardStaffWindow *self)
{
  if (g_strcmp0 (response, "cancel-registration") == 0 && current (self) != NULL)
    set_status (self, LANYARD_STATUS_CANCELLED);
}

static void
cancel_registration (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (widget);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (current (self) == NULL)
    return;
  body = g_strdup_printf (_("%s’s badge will be refused at every door and kiosk until the registration is restored."),
                          self->record->name);
  dialog = form_dialog_new (self, _("Cancel this registration?"), body, "cancel-registration",
                            _("Cancel registration"), NULL, 0);
  adw_message_dialog_set_response_appearance (dialog, "cancel-registration", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_registration (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (widget);

  if (current (self) != NULL)
    set_status (self, LANYARD_STATUS_ACTIVE);
}

/* The badge a kiosk could not print waits for its printer; the person
 * took another, or left: it must not print when the printer is back. */
static void
cancel_waiting_badge (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (widget);

  if (current (self) != NULL)
    write_async (self, write_new (self, LANYARD_STAFF_WRITE_CANCEL_WAITING, current (self)->id));
}

/* ------------------------------------------------------------------ */
/* Certificate, retries                                                 */

/* The certificate is read and worked out on a worker thread with a
 * connection of its own (lanyard-store-work.h): at the largest meeting a
 * few milliseconds, up to some 20 on a loaded machine (bench-scale). It
 * prints once read, whichever page the desk shows by then. */
typedef struct {
  LanyardEvent    *event;
  LanyardAttendee *attendee;
  gint64           now;
} CertificateRead;

static void
certificate_read_free (CertificateRead *read)
{
  lanyard_event_unref (read->event);
  lanyard_attendee_free (read->attendee);
  g_free (read);
}

static gpointer
certificate_read_run (LanyardStore  *store,
                      gpointer       data,
                      GError       **error)
{
  CertificateRead *read = data;

  return lanyard_claim_read_certificate (store, read->event, read->attendee, read->now, error);
}

static void
on_certificate_read (gpointer      owner,
                     gpointer      result,
                     const GError *error,
                     gpointer      data)
{
  LanyardStaffWindow *self = owner;
  LanyardCertificate *certificate = result;
  CertificateRead *read = data;

  if (certificate == NULL)
    {
      tell (self, _("No certificate"), error->message);
      return;
    }
  lanyard_certificate_job_run_async (self->store, self->event, read->attendee->id, certificate,
                                     LANYARD_PAPER_LETTER, self->config->printer,
                                     self->config->print_timeout_seconds, self->cancellable,
                                     on_document_printed,
                                     print_call_new (self, read->attendee, LANYARD_SCAN_CERTIFICATE_PRINTED, NULL,
                                                     _("Printing the certificate…")));
}

static void
print_certificate (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (widget);
  const LanyardAttendee *a = current (self);
  CertificateRead *read;

  if (a == NULL)
    return;
  read = g_new0 (CertificateRead, 1);
  read->event = lanyard_event_ref (self->event);
  read->attendee = lanyard_attendee_copy (a);
  read->now = g_get_real_time ();
  lanyard_store_work_async (self->store, self, certificate_read_run, (GDestroyNotify) lanyard_certificate_free,
                            on_certificate_read, read, (GDestroyNotify) certificate_read_free, self->cancellable);
}

typedef struct {
  LanyardStaffWindow *self;
  gpointer            sending;   /* its line in the printing bar */
} RetryCall;

static void
retry_call_free (RetryCall *call)
{
  _lanyard_staff_window_printing_end (call->self, call->sending);
  g_object_unref (call->self);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RetryCall, retry_call_free)

static void
on_retried (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(RetryCall) call = user_data;
  LanyardStaffWindow *self = call->self;
  g_autoptr(LanyardPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (lanyard_print_job_retry_finish (res, &job, &error))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, job->id);

      /* Translators: %s is a print job's number */
      text = g_strdup_printf (_("Job %s printed"), number);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    text = g_strdup_printf (_("Still not printed: %s"), error->message);
  if (self->toasts == NULL)
    return;
  _lanyard_staff_window_toast (self, text);
  refresh_after_print (self, job != NULL ? job->attendee_id : 0);
}

static void
retry_job (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (widget);
  RetryCall *call = g_new0 (RetryCall, 1);

  call->self = g_object_ref (self);
  call->sending = _lanyard_staff_window_printing_begin (self, _("Sending the job again…"));
  /* Drawn again from the record as it is now: a replaced badge's new QR,
   * a corrected name; refused once the registration is cancelled. */
  lanyard_print_job_retry_async (self->store, g_variant_get_int64 (parameter), NULL, FALSE,
                                 lanyard_document_job_redraw, self->config->print_timeout_seconds, self->cancellable,
                                 on_retried, call);
}

void
_lanyard_staff_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "desk.print-badge", NULL, print_badge);
  gtk_widget_class_install_action (widget_class, "desk.replace-badge", NULL, replace_badge);
  gtk_widget_class_install_action (widget_class, "desk.edit", NULL, edit);
  gtk_widget_class_install_action (widget_class, "desk.walk-in", NULL, walk_in);
  gtk_widget_class_install_action (widget_class, "desk.cancel", NULL, cancel_registration);
  gtk_widget_class_install_action (widget_class, "desk.restore", NULL, restore_registration);
  gtk_widget_class_install_action (widget_class, "desk.print-certificate", NULL, print_certificate);
  gtk_widget_class_install_action (widget_class, "desk.retry-job", "x", retry_job);
  gtk_widget_class_install_action (widget_class, "desk.cancel-waiting-badge", NULL, cancel_waiting_badge);
}
