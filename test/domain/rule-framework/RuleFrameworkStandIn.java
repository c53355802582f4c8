package org.opensearchfgac.localdomain;

import org.opensearch.plugins.ExtensiblePlugin;
import org.opensearch.plugins.Plugin;

/**
 * Stands in for OpenSearch's rule-framework module (workload-management auto-tagging), which the
 * security plugin 3.4+ names as an extended plugin but which is neither in the integ-test zip nor
 * on Maven Central. It is extensible so the security plugin may extend it, and loads no
 * extensions: rule-based auto-tagging is off, access control is untouched.
 */
public class RuleFrameworkStandIn extends Plugin implements ExtensiblePlugin {}
