// A real OpenID Provider for the SSO tests: panva/oidc-provider (OpenID Certified), with its own
// sign-in page (devInteractions: any login, any password) and consent given in advance.
// Environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS (comma-separated),
// PEOPLE (JSON: {"login": {"email": ..., "name": ..., "roles": [...]}}); a login not in PEOPLE is
// its own email address.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const people = JSON.parse(process.env.PEOPLE || '{}');

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID,
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: process.env.REDIRECT_URIS.split(','),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'roles'],
  },
  pkce: { required: () => true },
  cookies: { keys: ['trellis-test-idp'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const person = people[id] || { email: id };
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: person.email,
          email_verified: true,
          name: person.name || id,
          roles: person.roles || [],
        };
      },
    };
  },
  async loadExistingGrant(ctx) {
    // consent is the organization's, given once for everyone: no consent page
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'name', 'roles']);
    await grant.save();
    return grant;
  },
});
provider.proxy = false;
provider.listen(port, '127.0.0.1', () => {
  console.log(`listening on ${issuer}`);
});
