package fr.lexom.contracts.api;

import fr.lexom.contracts.identity.Groups;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Role checks of /api: the caller was authenticated by the engine's filter (HTTP Basic against Camunda's
 * users); here its groups must include one named by {@link RequiresGroups}. Every /api operation names its
 * groups: one that does not is refused, so a new endpoint cannot be left open by mistake.
 */
@Configuration(proxyBeanMethods = false)
class GroupCheck implements WebMvcConfigurer {

    private final IdentityService identityService;

    GroupCheck(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (!(handler instanceof HandlerMethod method)) {
                    return true;
                }
                RequiresGroups required = method.getMethodAnnotation(RequiresGroups.class);
                if (required == null) {
                    required = method.getBeanType().getAnnotation(RequiresGroups.class);
                }
                Authentication authentication = identityService.getCurrentAuthentication();
                List<String> groups = authentication == null || authentication.getGroupIds() == null
                        ? List.of() : authentication.getGroupIds();
                if (groups.contains(Groups.ADMINS)) {
                    return true;
                }
                if (required == null || Arrays.stream(required.value()).noneMatch(groups::contains)) {
                    throw new ForbiddenException(required == null ? List.of() : List.of(required.value()));
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }
}
