package fr.lexom.contracts.api;

import static fr.lexom.contracts.identity.Groups.ACCOUNTING;
import static fr.lexom.contracts.identity.Groups.COORDINATION;
import static fr.lexom.contracts.identity.Groups.MANAGERS;
import static fr.lexom.contracts.identity.Groups.SALES;

import fr.lexom.contracts.billing.InterestRate;
import fr.lexom.contracts.collection.CollectionService;
import fr.lexom.contracts.contract.InvalidRequestException;
import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.security.Plausibility;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** L1 rates as dated data: accounting adds the ECB and legal rates of each half-year. */
@RestController
@RequestMapping(path = "/api/interest-rates", produces = "application/json")
@Tag(name = "Taux des pénalités de retard (L1)")
@SecurityRequirement(name = "basic")
class RatesApi {

    record RateBody(
            @NotNull(message = "obligatoire") @Pattern(regexp = "ECB_MAIN_REFINANCING|LEGAL_PROFESSIONAL|LEGAL_INDIVIDUAL",
                    message = "ECB_MAIN_REFINANCING, LEGAL_PROFESSIONAL ou LEGAL_INDIVIDUAL") String kind,
            @NotNull(message = "obligatoire") LocalDate validFrom,
            @NotNull(message = "obligatoire") @DecimalMin(value = "0", message = "positif ou nul") @DecimalMax(value = Plausibility.MAX_INTEREST_FRACTION_TEXT, message = "une fraction : 0.0215 pour 2,15 %")
            @Digits(integer = 1, fraction = 4, message = "4 décimales au plus (0.0215)") BigDecimal rate,
            @Size(max = 300, message = "300 caractères au plus") String source) {
    }

    private final JdbcClient jdbc;
    private final CollectionService collection;
    private final BusinessCalendar calendar;

    RatesApi(JdbcClient jdbc, CollectionService collection, BusinessCalendar calendar) {
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.collection = collection;
    }

    @GetMapping
    @RequiresGroups({SALES, COORDINATION, ACCOUNTING, MANAGERS})
    @Operation(summary = "Les taux en vigueur et leurs dates")
    List<InterestRate> rates() {
        return collection.rates();
    }

    @PutMapping(consumes = "application/json")
    @RequiresGroups({ACCOUNTING, MANAGERS})
    @ResponseStatus(HttpStatus.OK)
    @Operation(summary = "Ajouter ou corriger un taux à partir d'une date (taux BCE, taux de l'intérêt légal du semestre)")
    @Transactional
    List<InterestRate> put(@Valid @RequestBody RateBody body) {
        Plausibility.rateValidFrom(body.validFrom(), calendar.today()).ifPresent(message -> {
            throw new InvalidRequestException(Map.of("validFrom", message));
        });
        jdbc.sql("DELETE FROM interest_rate WHERE kind = ? AND valid_from = ?").params(body.kind(), body.validFrom()).update();
        jdbc.sql("INSERT INTO interest_rate (kind, valid_from, rate, source) VALUES (?, ?, ?, ?)")
                .params(body.kind(), body.validFrom(), body.rate(), body.source()).update();
        return collection.rates();
    }
}
