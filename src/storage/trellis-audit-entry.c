/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-audit-entry.h"

/* The Audit page binds its cells with these getters; the properties are
 * there for GtkExpression and <lookup> in templates. */
struct _TrellisAuditEntry
{
  GObject parent_instance;

  gint64 id;
  char *time;
  char *user;
  char *action;
  char *table_name;
  char *row_key;
  char *reason;
  char *summary;
};

G_DEFINE_FINAL_TYPE (TrellisAuditEntry, trellis_audit_entry, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TIME,
  PROP_USER,
  PROP_ACTION,
  PROP_TABLE_NAME,
  PROP_ROW_KEY,
  PROP_REASON,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trellis_audit_entry_finalize (GObject *object)
{
  TrellisAuditEntry *self = TRELLIS_AUDIT_ENTRY (object);

  g_free (self->time);
  g_free (self->user);
  g_free (self->action);
  g_free (self->table_name);
  g_free (self->row_key);
  g_free (self->reason);
  g_free (self->summary);
  G_OBJECT_CLASS (trellis_audit_entry_parent_class)->finalize (object);
}

static void
trellis_audit_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TrellisAuditEntry *self = TRELLIS_AUDIT_ENTRY (object);
  const char *texts[N_PROPS] = {
    [PROP_TIME] = self->time, [PROP_USER] = self->user, [PROP_ACTION] = self->action,
    [PROP_TABLE_NAME] = self->table_name, [PROP_ROW_KEY] = self->row_key,
    [PROP_REASON] = self->reason, [PROP_SUMMARY] = self->summary,
  };

  if (prop_id == PROP_ID)
    g_value_set_int64 (value, self->id);
  else if (prop_id > PROP_ID && prop_id < N_PROPS)
    g_value_set_string (value, texts[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static GParamSpec *
text_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
trellis_audit_entry_class_init (TrellisAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trellis_audit_entry_finalize;
  object_class->get_property = trellis_audit_entry_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] = text_property ("time");
  properties[PROP_USER] = text_property ("user");
  properties[PROP_ACTION] = text_property ("action");
  properties[PROP_TABLE_NAME] = text_property ("table-name");
  properties[PROP_ROW_KEY] = text_property ("row-key");
  properties[PROP_REASON] = text_property ("reason");
  properties[PROP_SUMMARY] = text_property ("summary");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_audit_entry_init (TrellisAuditEntry *self)
{
}

TrellisAuditEntry *
trellis_audit_entry_new (gint64      id,
                         const char *time,
                         const char *user,
                         const char *action,
                         const char *table_name,
                         const char *row_key,
                         const char *reason,
                         const char *summary)
{
  TrellisAuditEntry *self = g_object_new (TRELLIS_TYPE_AUDIT_ENTRY, NULL);

  self->id = id;
  self->time = g_strdup (time != NULL ? time : "");
  self->user = g_strdup (user != NULL ? user : "");
  self->action = g_strdup (action != NULL ? action : "");
  self->table_name = g_strdup (table_name != NULL ? table_name : "");
  self->row_key = g_strdup (row_key != NULL ? row_key : "");
  self->reason = g_strdup (reason != NULL ? reason : "");
  self->summary = g_strdup (summary != NULL ? summary : "");
  return self;
}

gint64
trellis_audit_entry_get_id (TrellisAuditEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_ENTRY (self), 0);
  return self->id;
}

const char *
trellis_audit_entry_get_time (TrellisAuditEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_ENTRY (self), NULL);
  return self->time;
}

const char *
trellis_audit_entry_get_user (TrellisAuditEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_ENTRY (self), NULL);
  return self->user;
}

const char *
trellis_audit_entry_get_action (TrellisAuditEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_ENTRY (self), NULL);
  return self->action;
}

const char *
trellis_audit_entry_get_table_name (TrellisAuditEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_ENTRY (self), NULL);
  return self->table_name;
}

const char *
trellis_audit_entry_get_row_key (TrellisAuditEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_ENTRY (self), NULL);
  return self->row_key;
}

const char *
trellis_audit_entry_get_reason (TrellisAuditEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_ENTRY (self), NULL);
  return self->reason;
}

const char *
trellis_audit_entry_get_summary (TrellisAuditEntry *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_ENTRY (self), NULL);
  return self->summary;
}
