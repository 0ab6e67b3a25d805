package dev.llmos.mcp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** every http request must present the user's bearer token; anything else is 401 and goes no further. */
final class BearerFilter extends HttpFilter {
    private final transient BearerToken token;

    BearerFilter(BearerToken token) {
        this.token = token;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!token.admits(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"llm-os\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED,
                    "a bearer token is required: the one in your llm-os mcp-token file");
            return;
        }
        chain.doFilter(request, response);
    }
}
