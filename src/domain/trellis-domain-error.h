/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRELLIS_DOMAIN_ERROR (trellis_domain_error_quark ())

/* Errors from the study's rules: a value a person typed or imported breaks one. */
typedef enum
{
  TRELLIS_DOMAIN_ERROR_INVALID,
  TRELLIS_DOMAIN_ERROR_DUPLICATE,
  TRELLIS_DOMAIN_ERROR_ORDER,
  TRELLIS_DOMAIN_ERROR_NONEXISTENT_TIME,   /* a local time skipped when clocks go forward */
  TRELLIS_DOMAIN_ERROR_AMBIGUOUS_TIME,     /* a local time that happens twice when clocks go back */
} TrellisDomainError;

GQuark trellis_domain_error_quark (void);

G_END_DECLS
