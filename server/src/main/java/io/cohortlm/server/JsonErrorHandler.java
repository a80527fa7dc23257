package io.cohortlm.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a malformed URI, a bad header, …) happen before any route runs; this renders them in the
 * API's JSON error shape instead of Jetty's HTML page, with no detail of the failure beyond the status.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        ObjectNode o = Api.JSON.createObjectNode();
        String reason = HttpStatus.getMessage(code);
        o.putObject("error").put("code", code == 413 ? "body_too_large" : code >= 500 ? "unavailable" : "bad_request")
                .put("message", "malformed request: " + (reason == null ? "status " + code : reason.toLowerCase()));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Api.JSON.writeValueAsBytes(o)), callback);
    }
}
