"""SCIM 2.0 languages as pure functions: the filter grammar and the attributes parameter."""
