/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-consent-clause.h"
#include "trellis-consent-version.h"

struct _TrellisConsentVersion
{
  GObject parent_instance;

  gint64 id;
  char *label;
  char *date;
  char **clause_keys;
  char **clause_texts;
  gboolean requires_reconsent;
  int n_consents;
};

G_DEFINE_FINAL_TYPE (TrellisConsentVersion, trellis_consent_version, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_DATE,
  PROP_CLAUSE_KEYS,
  PROP_CLAUSE_TEXTS,
  PROP_REQUIRES_RECONSENT,
  PROP_N_CONSENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrived in GLib 2.76; bookworm has 2.74. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
trellis_consent_version_finalize (GObject *object)
{
  TrellisConsentVersion *self = TRELLIS_CONSENT_VERSION (object);

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->clause_keys, g_strfreev);
  g_clear_pointer (&self->clause_texts, g_strfreev);

  G_OBJECT_CLASS (trellis_consent_version_parent_class)->finalize (object);
}

static void
trellis_consent_version_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TrellisConsentVersion *self = TRELLIS_CONSENT_VERSION (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_DATE: g_value_set_string (value, self->date); break;
    case PROP_CLAUSE_KEYS: g_value_set_boxed (value, self->clause_keys); break;
    case PROP_CLAUSE_TEXTS: g_value_set_boxed (value, self->clause_texts); break;
    case PROP_REQUIRES_RECONSENT: g_value_set_boolean (value, self->requires_reconsent); break;
    case PROP_N_CONSENTS: g_value_set_int (value, self->n_consents); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_consent_version_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TrellisConsentVersion *self = TRELLIS_CONSENT_VERSION (object);

  switch (prop_id)
    {
    case PROP_ID: trellis_consent_version_set_id (self, g_value_get_int64 (value)); break;
    case PROP_LABEL: trellis_consent_version_set_label (self, g_value_get_string (value)); break;
    case PROP_DATE: trellis_consent_version_set_date (self, g_value_get_string (value)); break;
    case PROP_CLAUSE_KEYS: trellis_consent_version_set_clause_keys (self, g_value_get_boxed (value)); break;
    case PROP_CLAUSE_TEXTS: trellis_consent_version_set_clause_texts (self, g_value_get_boxed (value)); break;
    case PROP_REQUIRES_RECONSENT: trellis_consent_version_set_requires_reconsent (self, g_value_get_boolean (value)); break;
    case PROP_N_CONSENTS: trellis_consent_version_set_n_consents (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_consent_version_class_init (TrellisConsentVersionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trellis_consent_version_finalize;
  object_class->get_property = trellis_consent_version_get_property;
  object_class->set_property = trellis_consent_version_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_CLAUSE_KEYS] =
    g_param_spec_boxed ("clause-keys", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CLAUSE_TEXTS] =
    g_param_spec_boxed ("clause-texts", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_REQUIRES_RECONSENT] =
    g_param_spec_boolean ("requires-reconsent", NULL, NULL, FALSE, flags);
  properties[PROP_N_CONSENTS] =
    g_param_spec_int ("n-consents", NULL, NULL, 0, G_MAXINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_consent_version_init (TrellisConsentVersion *self)
{
}

TrellisConsentVersion *
trellis_consent_version_new (void)
{
  return g_object_new (TRELLIS_TYPE_CONSENT_VERSION, NULL);
}

gint64
trellis_consent_version_get_id (TrellisConsentVersion *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_VERSION (self), 0);
  return self->id;
}

void
trellis_consent_version_set_id (TrellisConsentVersion *self,
                                gint64                 value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_VERSION (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
trellis_consent_version_get_label (TrellisConsentVersion *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_VERSION (self), NULL);
  return self->label;
}

void
trellis_consent_version_set_label (TrellisConsentVersion *self,
                                   const char            *value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_VERSION (self));

  if (replace_string (&self->label, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

/* YYYY-MM-DD. */
const char *
trellis_consent_version_get_date (TrellisConsentVersion *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_VERSION (self), NULL);
  return self->date;
}

void
trellis_consent_version_set_date (TrellisConsentVersion *self,
                                  const char            *value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_VERSION (self));

  if (replace_string (&self->date, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/* The clause keys, in the order the form asks them. */
const char *const *
trellis_consent_version_get_clause_keys (TrellisConsentVersion *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_VERSION (self), NULL);
  return (const char *const *) self->clause_keys;
}

void
trellis_consent_version_set_clause_keys (TrellisConsentVersion *self,
                                         const char *const     *value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_VERSION (self));

  g_strfreev (self->clause_keys);
  self->clause_keys = g_strdupv ((char **) value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLAUSE_KEYS]);
}

/* The clause texts, one for each key. */
const char *const *
trellis_consent_version_get_clause_texts (TrellisConsentVersion *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_VERSION (self), NULL);
  return (const char *const *) self->clause_texts;
}

void
trellis_consent_version_set_clause_texts (TrellisConsentVersion *self,
                                          const char *const     *value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_VERSION (self));

  g_strfreev (self->clause_texts);
  self->clause_texts = g_strdupv ((char **) value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLAUSE_TEXTS]);
}

gboolean
trellis_consent_version_get_requires_reconsent (TrellisConsentVersion *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_VERSION (self), FALSE);
  return self->requires_reconsent;
}

void
trellis_consent_version_set_requires_reconsent (TrellisConsentVersion *self,
                                                gboolean               value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_VERSION (self));

  if (self->requires_reconsent == !!value)
    return;
  self->requires_reconsent = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRES_RECONSENT]);
}

/* How many consent records were given on this version. */
int
trellis_consent_version_get_n_consents (TrellisConsentVersion *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_VERSION (self), 0);
  return self->n_consents;
}

void
trellis_consent_version_set_n_consents (TrellisConsentVersion *self,
                                        int                    value)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_VERSION (self));

  if (self->n_consents == value)
    return;
  self->n_consents = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONSENTS]);
}

/* A new version with the standard clauses and their default wording, in the
 * language of the person creating it: the wording is theirs to edit. */
TrellisConsentVersion *
trellis_consent_version_new_standard (const char *label,
                                      const char *date)
{
  TrellisConsentVersion *self = trellis_consent_version_new ();
  const TrellisConsentClause *clauses;
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();
  g_auto(GStrv) key_list = NULL;
  g_auto(GStrv) text_list = NULL;
  guint n;

  clauses = trellis_consent_clause_get_defaults (&n);
  for (guint i = 0; i < n; i++)
    {
      g_strv_builder_add (keys, clauses[i].key);
      g_strv_builder_add (texts, trellis_consent_clause_get_text (&clauses[i]));
    }
  key_list = g_strv_builder_end (keys);
  text_list = g_strv_builder_end (texts);
  trellis_consent_version_set_label (self, label);
  trellis_consent_version_set_date (self, date);
  trellis_consent_version_set_clauses (self, (const char *const *) key_list,
                                       (const char *const *) text_list);
  return self;
}

/* Sets the clause keys and their texts together, so they stay in step. */
void
trellis_consent_version_set_clauses (TrellisConsentVersion *self,
                                     const char *const     *keys,
                                     const char *const     *texts)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_VERSION (self));
  g_return_if_fail (keys != NULL && texts != NULL);
  g_return_if_fail (g_strv_length ((char **) keys) == g_strv_length ((char **) texts));

  trellis_consent_version_set_clause_keys (self, keys);
  trellis_consent_version_set_clause_texts (self, texts);
}

guint
trellis_consent_version_get_n_clauses (TrellisConsentVersion *self)
{
  g_return_val_if_fail (TRELLIS_IS_CONSENT_VERSION (self), 0);
  return self->clause_keys != NULL ? g_strv_length (self->clause_keys) : 0;
}
